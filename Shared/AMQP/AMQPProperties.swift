import Foundation

/// The basic properties of a message that this project uses.
public struct AMQPProperties: Sendable {
    /// `message-id`: the event id, used by consumers to skip duplicates.
    public var messageId: String?
    /// `type`: the event type (`ticket.received`...).
    public var type: String?
    /// `content-type`, e.g. `application/json`.
    public var contentType: String?
    /// `correlation-id`.
    public var correlationId: String?
    /// Delivery mode 2 (kept on disk) when true, 1 when false.
    public var persistent: Bool
    /// Application headers; the broker adds `x-delivery-count`, `x-death`, `x-first-death-*`.
    public var headers: AMQPTable
    /// `timestamp`, whole seconds since 1970 on the wire.
    public var timestamp: Date?
    /// `user-id`: RabbitMQ refuses a publish whose user id is not the connection's user, so a
    /// received one names the publisher's broker user (absent when the publisher set none).
    /// A republished message must clear it (the broker would refuse it from another user).
    public var userId: String?

    /// Properties of a message; persistent unless told otherwise.
    public init(
        messageId: String? = nil,
        type: String? = nil,
        contentType: String? = nil,
        correlationId: String? = nil,
        persistent: Bool = true,
        headers: AMQPTable = [:],
        timestamp: Date? = nil,
        userId: String? = nil
    ) {
        self.messageId = messageId
        self.type = type
        self.contentType = contentType
        self.correlationId = correlationId
        self.persistent = persistent
        self.headers = headers
        self.timestamp = timestamp
        self.userId = userId
    }
}
