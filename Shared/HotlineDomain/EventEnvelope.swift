import Foundation

/// The JSON body of every event on `hotline.events`, and a row of a ticket's history:
/// `{"id", "type", "version", "occurredAt", "ticketId", "ticketNumber", "data"}`, with `data`
/// read as a `JSONValue` tree.
///
/// `id` is the AMQP `message_id` consumers deduplicate on; `type` is the routing key (kept as a
/// string so that a consumer can dead-letter an unknown type with a reason instead of failing to
/// decode). Hot paths read and write their own payload types with ``TypedEventEnvelope``; this
/// is the same envelope for code that handles any type (history, live views, the outbox).
public typealias EventEnvelope = TypedEventEnvelope<JSONValue>

extension TypedEventEnvelope where Payload == JSONValue {
    /// The payload, `{}` when the message had none.
    public var payload: JSONValue {
        self.data ?? .object([:])
    }
}
