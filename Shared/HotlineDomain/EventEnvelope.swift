import Foundation

/// The JSON body of every event on `hotline.events`, and a row of a ticket's history:
/// `{"id", "type", "version", "occurredAt", "ticketId", "ticketNumber", "data"}`.
///
/// `id` is the AMQP `message_id` consumers deduplicate on; `type` is the routing key (kept as a
/// string so that a consumer can dead-letter an unknown type with a reason instead of failing to
/// decode). Encode with ``HotlineJSON/encoder()`` so that `occurredAt` carries milliseconds.
public struct EventEnvelope: Codable, Sendable, Hashable {
    /// A unique UUID, lowercase.
    public var id: String
    /// The event type, e.g. `ticket.assigned`.
    public var type: String
    /// The version of the `data` schema of this type.
    public var version: Int
    /// When the event happened.
    public var occurredAt: Date
    /// The ticket's id, for ticket events.
    public var ticketId: String?
    /// The ticket's number, for ticket events.
    public var ticketNumber: String?
    /// The type-specific payload.
    public var data: JSONValue

    /// Creates an envelope with a fresh id unless one is given.
    public init(
        id: String = UUID().uuidString.lowercased(), type: String, version: Int = 1, occurredAt: Date,
        ticketId: String? = nil, ticketNumber: String? = nil, data: JSONValue = .object([:])
    ) {
        self.id = id
        self.type = type
        self.version = version
        self.occurredAt = occurredAt
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.data = data
    }

    /// Creates an envelope of a known type.
    public init(
        id: String = UUID().uuidString.lowercased(), type: EventType, version: Int = 1, occurredAt: Date,
        ticketId: String? = nil, ticketNumber: String? = nil, data: JSONValue = .object([:])
    ) {
        self.init(
            id: id, type: type.rawValue, version: version, occurredAt: occurredAt, ticketId: ticketId,
            ticketNumber: ticketNumber, data: data
        )
    }

    /// The known type, or `nil` for a type this build does not know.
    public var eventType: EventType? {
        EventType(rawValue: self.type)
    }

    /// The envelope's keys.
    private enum CodingKeys: String, CodingKey {
        case id, type, version, occurredAt, ticketId, ticketNumber, data
    }

    /// Decodes an envelope; `data` defaults to `{}` and the ticket fields to `nil` when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.type = try container.decode(String.self, forKey: .type)
        self.version = try container.decode(Int.self, forKey: .version)
        self.occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        self.ticketId = try container.decodeIfPresent(String.self, forKey: .ticketId)
        self.ticketNumber = try container.decodeIfPresent(String.self, forKey: .ticketNumber)
        self.data = try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .object([:])
    }

    /// Encodes every key, writing `null` for absent ticket fields so that the shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.type, forKey: .type)
        try container.encode(self.version, forKey: .version)
        try container.encode(self.occurredAt, forKey: .occurredAt)
        try container.encode(self.ticketId, forKey: .ticketId)
        try container.encode(self.ticketNumber, forKey: .ticketNumber)
        try container.encode(self.data, forKey: .data)
    }
}
