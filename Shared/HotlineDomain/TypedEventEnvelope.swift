import Foundation

/// The envelope of every event, with `data` of a type of the reader's or writer's choice: the
/// same JSON, written or read in one pass of the JSON coder.
///
/// ``EventEnvelope`` (`TypedEventEnvelope<JSONValue>`) holds `data` as a tree, which costs a
/// second encoding when an event is written and a slow tree decoding when it is read. On the hot
/// path (a ticket's events carry a snapshot of the ticket) those passes were the largest CPU cost
/// of every service; producers and consumers there name their own payload type instead.
///
/// ```swift
/// let body = try HotlineJSON.encoder().encode(TypedEventEnvelope(type: .ticketAssigned, occurredAt: Date(), data: payload))
/// let header = try HotlineJSON.decoder().decode(TypedEventEnvelope<IgnoredEventData>.self, from: body)
/// ```
public struct TypedEventEnvelope<Payload: Sendable>: Sendable {
    /// A unique UUID, lowercase: the AMQP `message_id`.
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
    /// The type-specific payload; nil when a decoded message had no `data`.
    public var data: Payload?

    /// Creates an envelope with a fresh id unless one is given.
    public init(
        id: String = UUID().uuidString.lowercased(), type: EventType, version: Int = 1, occurredAt: Date,
        ticketId: String? = nil, ticketNumber: String? = nil, data: Payload
    ) {
        self.id = id
        self.type = type.rawValue
        self.version = version
        self.occurredAt = occurredAt
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.data = data
    }

    /// Creates an envelope of a type named by its routing key, e.g. one this build does not know.
    public init(
        id: String = UUID().uuidString.lowercased(), type: String, version: Int = 1, occurredAt: Date,
        ticketId: String? = nil, ticketNumber: String? = nil, data: Payload
    ) {
        self.id = id
        self.type = type
        self.version = version
        self.occurredAt = occurredAt
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.data = data
    }

    /// The known type, or `nil` for a type this build does not know.
    public var eventType: EventType? {
        EventType(rawValue: self.type)
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, version, occurredAt, ticketId, ticketNumber, data
    }
}

extension TypedEventEnvelope: Encodable where Payload: Encodable {
    /// Encodes the same shape as ``EventEnvelope/encode(to:)``; a missing payload is `{}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.type, forKey: .type)
        try container.encode(self.version, forKey: .version)
        try container.encode(self.occurredAt, forKey: .occurredAt)
        try container.encode(self.ticketId, forKey: .ticketId)
        try container.encode(self.ticketNumber, forKey: .ticketNumber)
        if let data = self.data {
            try container.encode(data, forKey: .data)
        } else {
            try container.encode(JSONValue.object([:]), forKey: .data)
        }
    }
}

extension TypedEventEnvelope: Decodable where Payload: Decodable {
    /// Decodes the envelope; `data` and the ticket fields are nil when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.type = try container.decode(String.self, forKey: .type)
        self.version = try container.decode(Int.self, forKey: .version)
        self.occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        self.ticketId = try container.decodeIfPresent(String.self, forKey: .ticketId)
        self.ticketNumber = try container.decodeIfPresent(String.self, forKey: .ticketNumber)
        self.data = try container.decodeIfPresent(Payload.self, forKey: .data)
    }
}

extension TypedEventEnvelope: Equatable where Payload: Equatable {}

extension TypedEventEnvelope: Hashable where Payload: Hashable {}

/// A payload read as nothing at all: for consumers that need only the envelope's header.
public struct IgnoredEventData: Decodable, Sendable {
    /// Reads nothing.
    public init(from decoder: any Decoder) throws {}
}
