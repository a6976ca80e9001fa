/// A message to publish.
public struct AMQPOutgoingMessage: Sendable {
    /// Target exchange; empty for the default exchange (routing key = queue name).
    public var exchange: String
    /// Routing key.
    public var routingKey: String
    /// Payload.
    public var body: [UInt8]
    /// Properties; persistent by default.
    public var properties: AMQPProperties
    /// When true an unroutable message comes back as `basic.return`, and `publishConfirmed` fails.
    public var mandatory: Bool

    /// Makes a message; mandatory by default so that a missing binding is an error, not a loss.
    public init(
        exchange: String,
        routingKey: String,
        body: [UInt8],
        properties: AMQPProperties = AMQPProperties(),
        mandatory: Bool = true
    ) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.properties = properties
        self.mandatory = mandatory
    }
}
