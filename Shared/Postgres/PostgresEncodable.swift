import Foundation

/// A Swift value that can be sent as a query parameter in PostgreSQL's text format.
///
/// Parameters travel separately from the SQL text (`$1`, `$2`, …), so they never need SQL
/// quoting; `postgresText` is the value's text input form. Pass `nil` for SQL `NULL`.
///
/// ```swift
/// try connection.query(
///     "INSERT INTO tickets (id, title, tags, opened_at) VALUES ($1, $2, $3, $4)",
///     [UUID(), "Water leak", ["plumbing", "urgent"], Date()]
/// )
/// ```
public protocol PostgresEncodable {
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    /// The string itself.
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    /// The substring as a string.
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int16: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int32: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable {
    /// The shortest text that reads back as the same `Double`; `NaN`, `Infinity`, `-Infinity`.
    public var postgresText: String {
        if self.isNaN { return "NaN" }
        if self.isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return self.description
    }
}

extension Bool: PostgresEncodable {
    /// `true` or `false`.
    public var postgresText: String { self ? "true" : "false" }
}

extension Date: PostgresEncodable {
    /// ISO timestamp in UTC with microseconds, e.g. `2024-05-01 12:00:00.123456+00`
    /// (microseconds are PostgreSQL's precision; finer parts are rounded).
    public var postgresText: String { PostgresTimestamp.format(self) }
}

extension UUID: PostgresEncodable {
    /// Lower-case hyphenated form.
    public var postgresText: String { self.uuidString.lowercased() }
}

extension Data: PostgresEncodable {
    /// `bytea` hex format: `\x` followed by two hex digits per byte.
    public var postgresText: String { PostgresBytea.format(self) }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// A one-dimensional array literal, e.g. `{"a","b, c",NULL}`; every element is quoted
    /// and escaped, so commas, quotes, backslashes and braces are safe.
    // A closure, not a key path: a key path over a generic element is instantiated by the
    // runtime at every call (6-8 % of the dispatcher's CPU went to that).
    public var postgresText: String { PostgresArrayLiteral.format(self.map { $0.postgresArrayElementText }) }
}
