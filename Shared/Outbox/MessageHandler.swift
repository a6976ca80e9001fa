import AMQP
import Postgres

/// What an `InboxConsumer` needs from a service: how to read a delivery and how to apply a
/// batch of new messages inside one transaction.
public protocol MessageHandler: Sendable {
    /// A parsed, valid message.
    associatedtype Message: Sendable

    /// The consumer's name in the inbox (one per queue and service).
    var consumerName: String { get }

    /// Parses a delivery; throws `PoisonMessage` when it can never be applied (bad JSON,
    /// unknown type or version), which sends it to the dead-letter queue.
    func decode(_ delivery: AMQPDelivery) throws -> Message

    /// Applies messages never seen before, in the caller's transaction. Throwing rolls back
    /// the whole batch; the consumer then retries them one by one to isolate the culprit.
    func apply(_ messages: [Message], on connection: PostgresConnection) throws

    /// True when applying a message twice has the effect of applying it once without help (every
    /// write keyed by the message, `ON CONFLICT DO NOTHING`): the consumer then keeps no inbox
    /// row for it, one insert and one index entry fewer per message. False by default.
    var isIdempotentByItself: Bool { get }
}

extension MessageHandler {
    /// Handlers need the inbox unless they say otherwise.
    public var isIdempotentByItself: Bool { false }
}

/// A message that can never be applied, with the reason recorded on its dead letter.
public struct PoisonMessage: Error, CustomStringConvertible {
    /// Why it was refused.
    public var reason: String

    /// Creates the error.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { self.reason }
}
