/// A value in an AMQP field table (message headers, queue arguments).
///
/// Encodes as the RabbitMQ flavour of AMQP 0-9-1: `.string` as `S`, `.int` as `I` (32-bit),
/// `.long` as `l` (64-bit, what `x-delivery-limit` wants), `.bool` as `t`, `.double` as `d`,
/// `.table` as `F`, `.array` as `A`, `.void` as `V`. Decoding widens the other wire types:
/// 8/16-bit and unsigned 32-bit values to `.int`/`.long`, timestamps (`T`) and 64-bit unsigned to
/// `.long`, floats and decimals to `.double`, byte arrays (`x`) to `.string` (UTF-8, lossy).
public indirect enum AMQPFieldValue: Sendable, Equatable {
    case string(String)
    case int(Int32)
    case long(Int64)
    case bool(Bool)
    case double(Double)
    case table([String: AMQPFieldValue])
    case array([AMQPFieldValue])
    case void

    /// The value as an integer when it is `.int` or `.long`.
    public var intValue: Int? {
        switch self {
        case .int(let value): Int(value)
        case .long(let value): Int(value)
        default: nil
        }
    }

    /// The value when it is `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}

/// A field table: message headers or declare arguments.
public typealias AMQPTable = [String: AMQPFieldValue]

extension AMQPFieldValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    /// `"text"` is `.string("text")`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `true` is `.bool(true)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
