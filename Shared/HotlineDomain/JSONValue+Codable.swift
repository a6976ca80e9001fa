import Foundation

extension JSONValue: Codable {
    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes the value; whole numbers are written without a fraction so that they decode as
    /// integers anywhere.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null:
            try container.encodeNil()
        case .bool(let value):
            try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 9e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value):
            try container.encode(value)
        case .array(let value):
            try container.encode(value)
        case .object(let value):
            try container.encode(value)
        }
    }

    /// The JSON form of any encodable value, e.g. an event's payload struct; dates are written
    /// as ISO 8601 with milliseconds (see ``HotlineJSON``).
    public init(encoding value: some Encodable) throws {
        let data = try HotlineJSON.encoder().encode(value)
        self = try HotlineJSON.decoder().decode(JSONValue.self, from: data)
    }

    /// Decodes this value as a `Decodable` type, e.g. an event's payload struct.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let data = try HotlineJSON.encoder().encode(self)
        return try HotlineJSON.decoder().decode(type, from: data)
    }

    /// Parses JSON text.
    public init(parsing data: Data) throws {
        self = try HotlineJSON.decoder().decode(JSONValue.self, from: data)
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    /// `nil` is `null`.
    public init(nilLiteral: ()) {
        self = .null
    }

    /// A boolean literal.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// An integer literal, stored as a number.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }

    /// A floating-point literal.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }

    /// A string literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    /// A dictionary literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
