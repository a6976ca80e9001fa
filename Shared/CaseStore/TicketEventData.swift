import HotlineDomain

/// The `data` of a ticket's event: the event's own fields and, under `ticket`, a snapshot of the
/// ticket after the change, for consumers that act on it without reading the database.
///
/// Encoded straight into the event's body (one pass of the JSON encoder), not through a
/// `JSONValue` tree.
public struct TicketEventData: Sendable {
    /// The event's own fields (`routing`, `by`, `note`, `promisedBy`...).
    public var fields: [String: JSONValue]
    /// The ticket after the change.
    public var ticket: Ticket

    /// The data of an event about `ticket`.
    public init(_ fields: [String: JSONValue], ticket: Ticket) {
        self.fields = fields
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
        for (key, value) in self.fields where key != "ticket" {
            try container.encode(value, forKey: Key(stringValue: key))
        }
        try container.encode(self.ticket, forKey: Key(stringValue: "ticket"))
    }
}
