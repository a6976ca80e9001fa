import Foundation
import HotlineDomain

/// A message written to the outbox in the transaction of the change it announces, and
/// published later by an `OutboxRelay`.
public struct OutboxMessage: Sendable {
    /// Unique id; becomes the AMQP `message_id`, so consumers can drop redeliveries.
    public var id: String
    /// Target exchange.
    public var exchange: String
    /// Routing key (the event type for `hotline.events`, a department code for `hotline.tasks`).
    public var routingKey: String
    /// AMQP `type` property.
    public var type: String
    /// The ticket it concerns; events with a ticket form that ticket's history.
    public var ticketId: String?
    /// The JSON body.
    public var body: String
    /// W3C `traceparent` carried as an AMQP header, when the change belongs to a trace.
    public var traceparent: String?

    /// Creates a message from its parts.
    public init(id: String, exchange: String, routingKey: String, type: String, ticketId: String?, body: String, traceparent: String? = nil) {
        self.traceparent = traceparent
        self.id = id
        self.exchange = exchange
        self.routingKey = routingKey
        self.type = type
        self.ticketId = ticketId
        self.body = body
    }

    /// An event for `hotline.events`, routed by its type.
    public static func event(_ envelope: EventEnvelope, traceparent: String? = nil) throws -> OutboxMessage {
        let body = String(decoding: try HotlineJSON.encoder().encode(envelope), as: UTF8.self)
        return OutboxMessage(
            id: envelope.id, exchange: Topology.eventsExchange, routingKey: envelope.type,
            type: envelope.type, ticketId: envelope.ticketId, body: body, traceparent: traceparent
        )
    }

    /// An event with a typed payload, encoded in one pass (see ``TypedEventEnvelope``): written
    /// directly when the payload writes itself (``DirectJSONEncodable``), the same bytes.
    public static func event(_ envelope: TypedEventEnvelope<some Encodable>, traceparent: String? = nil) throws -> OutboxMessage {
        let body = try envelope.directJSON() ?? String(decoding: try HotlineJSON.encoder().encode(envelope), as: UTF8.self)
        return OutboxMessage(
            id: envelope.id, exchange: Topology.eventsExchange, routingKey: envelope.type,
            type: envelope.type, ticketId: envelope.ticketId, body: body, traceparent: traceparent
        )
    }

    /// A task for one department's queue (`hotline.tasks`, key = department code).
    public static func task(department: String, ticketId: String, payload: some Encodable, traceparent: String? = nil) throws -> OutboxMessage {
        let body = String(decoding: try HotlineJSON.encoder().encode(payload), as: UTF8.self)
        return OutboxMessage(
            id: UUID().uuidString.lowercased(), exchange: Topology.tasksExchange, routingKey: department,
            type: "task.assigned", ticketId: ticketId, body: body, traceparent: traceparent
        )
    }
}
