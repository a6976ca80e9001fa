import Foundation

/// A Swift value that can be read from a column in PostgreSQL's text output format.
///
/// Read values through ``PostgresRow/decode(_:as:)-(_,T.Type)``, which handles `NULL`
/// and names the column in errors.
public protocol PostgresDecodable {
    /// Parses the column's text; throws ``PostgresError`` when the text does not fit.
    init(postgresText: String) throws
}

extension String: PostgresDecodable {
    /// The text itself.
    public init(postgresText: String) throws { self = postgresText }
}

extension PostgresDecodable where Self: FixedWidthInteger {
    /// Decimal digits, range-checked.
    public init(postgresText: String) throws {
        guard let value = Self(postgresText, radix: 10) else {
            throw PostgresError.decoding("cannot read \(Self.self) from \"\(postgresText)\"")
        }
        self = value
    }
}

extension Int: PostgresDecodable {}
extension Int16: PostgresDecodable {}
extension Int32: PostgresDecodable {}
extension Int64: PostgresDecodable {}

extension Double: PostgresDecodable {
    /// PostgreSQL's float text, including `NaN`, `Infinity` and `-Infinity`; also `numeric`.
    public init(postgresText: String) throws {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(postgresText) else {
                throw PostgresError.decoding("cannot read Double from \"\(postgresText)\"")
            }
            self = value
        }
    }
}

extension Bool: PostgresDecodable {
    /// `t`/`f` (PostgreSQL's output), also `true`/`false`.
    public init(postgresText: String) throws {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw PostgresError.decoding("cannot read Bool from \"\(postgresText)\"")
        }
    }
}

extension Date: PostgresDecodable {
    /// `timestamptz`, `timestamp` (taken as UTC) or `date` in ISO style, to the microsecond.
    public init(postgresText: String) throws {
        self = try PostgresTimestamp.parse(postgresText)
    }
}

extension UUID: PostgresDecodable {
    /// The hyphenated form PostgreSQL prints.
    public init(postgresText: String) throws {
        guard let value = UUID(uuidString: postgresText) else {
            throw PostgresError.decoding("cannot read UUID from \"\(postgresText)\"")
        }
        self = value
    }
}

extension Data: PostgresDecodable {
    /// `bytea` in hex output format (`\x…`, PostgreSQL's default).
    public init(postgresText: String) throws {
        self = try PostgresBytea.parse(postgresText)
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// A one-dimensional array literal such as `{a,"b,c",NULL}`. `NULL` elements need an
    /// optional element type (`[String?]`); with `[String]` they throw.
    public init(postgresText: String) throws {
        self = try PostgresArrayLiteral.parse(postgresText).map { try Element(postgresArrayElementText: $0) }
    }
}
