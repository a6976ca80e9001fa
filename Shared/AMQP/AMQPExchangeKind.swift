/// The exchange types RabbitMQ has without plugins.
public enum AMQPExchangeKind: String, Sendable {
    case direct
    case topic
    case fanout
    case headers
}
