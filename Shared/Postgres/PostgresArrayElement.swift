import Foundation

/// A type that can be an element of a one-dimensional PostgreSQL array parameter or column:
/// `String`, the integers, `Double`, `Bool`, `UUID`, `Date`, and `Optional` of these
/// (for `NULL` elements).
public protocol PostgresArrayElement {
    /// The element's text, or `nil` for `NULL`.
    var postgresArrayElementText: String? { get }
    /// Reads an element from its text, `nil` meaning `NULL`.
    init(postgresArrayElementText: String?) throws
}

extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    /// The element's `postgresText`; never `NULL`.
    public var postgresArrayElementText: String? { self.postgresText }

    /// Parses the element; `NULL` throws, use an optional element type to accept it.
    public init(postgresArrayElementText text: String?) throws {
        guard let text else {
            throw PostgresError.decoding("array element is NULL; decode as an array of optional \(Self.self)")
        }
        try self.init(postgresText: text)
    }
}

extension String: PostgresArrayElement {}
extension Int: PostgresArrayElement {}
extension Int16: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}
extension Double: PostgresArrayElement {}
extension Bool: PostgresArrayElement {}
extension UUID: PostgresArrayElement {}
extension Date: PostgresArrayElement {}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    /// `nil` becomes `NULL`.
    public var postgresArrayElementText: String? {
        // Not `flatMap(\.postgresArrayElementText)`: a generic key path is built anew per element.
        switch self {
        case .some(let wrapped): wrapped.postgresArrayElementText
        case .none: nil
        }
    }

    /// `NULL` becomes `nil`.
    public init(postgresArrayElementText text: String?) throws {
        self = try text.map { try Wrapped(postgresArrayElementText: $0) }
    }
}
