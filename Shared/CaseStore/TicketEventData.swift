import HotlineDomain

/// The `data` of a ticket's event: the event's own fields and, under `ticket`, a summary of the
/// ticket after the change (``TicketSummary``: status, version, routing, deadlines; nothing
/// personal), so that an event stays a few hundred bytes. Consumers that need the caller, the
/// description or the address read the ticket from the database.
///
/// Encoded straight into the event's body (one pass of the JSON encoder), not through a
/// `JSONValue` tree.
public struct TicketEventData: Sendable {
    /// The event's own fields (`routing`, `by`, `note`, `promisedBy`...).
    public var fields: [String: JSONValue]
    /// The routing decision, under `routing`, for the events that route a ticket.
    public var routing: RoutingDecision?
    /// The ticket after the change.
    public var ticket: Ticket

    /// The data of an event about `ticket`.
    public init(_ fields: [String: JSONValue], routing: RoutingDecision? = nil, ticket: Ticket) {
        self.fields = fields
        self.routing = routing
        self.ticket = ticket
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension TicketEventData: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in self.fields where key != "ticket" && (key != "routing" || self.routing == nil) {
            try container.encode(value, forKey: Key(stringValue: key))
        }
        if let routing = self.routing { try container.encode(EventRouting(routing), forKey: Key(stringValue: "routing")) }
        try container.encode(TicketSummary(self.ticket), forKey: Key(stringValue: "ticket"))
    }
}
