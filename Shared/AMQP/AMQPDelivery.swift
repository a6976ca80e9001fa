/// A message received by `basic.deliver` or `basic.get`; settle it by its ``deliveryTag``.
public struct AMQPDelivery: Sendable {
    /// Channel-scoped tag for ack/nack/reject; only valid on the connection that received it.
    public var deliveryTag: UInt64
    /// The exchange the message was published to (empty for the default exchange).
    public var exchange: String
    /// The routing key it was published with.
    public var routingKey: String
    /// Whether the broker delivered it before without a settlement.
    public var redelivered: Bool
    /// The payload.
    public var body: [UInt8]
    /// Message properties, headers included.
    public var properties: AMQPProperties

    /// Makes a delivery (for tests and in-memory twins).
    public init(
        deliveryTag: UInt64,
        exchange: String,
        routingKey: String,
        redelivered: Bool,
        body: [UInt8],
        properties: AMQPProperties
    ) {
        self.deliveryTag = deliveryTag
        self.exchange = exchange
        self.routingKey = routingKey
        self.redelivered = redelivered
        self.body = body
        self.properties = properties
    }

    /// How many times a quorum queue delivered this message before (`x-delivery-count`), 0 if absent.
    public var deliveryCount: Int {
        self.properties.headers["x-delivery-count"]?.intValue ?? 0
    }
}
