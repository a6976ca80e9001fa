/// An error from PostgreSQL, from libpq, or from turning a result into Swift values.
///
/// Server errors carry their SQLSTATE (`sqlState`, e.g. `"23505"` for a unique violation),
/// the primary `message` and the optional `detail`. `isConnectionError` is `true` when the
/// connection is unusable afterwards (server gone, socket closed, could not connect): the
/// statement may or may not have run, and the pool replaces the connection before its next use.
///
/// ```swift
/// do {
///     try connection.query("INSERT INTO users (email) VALUES ($1)", [email])
/// } catch let error as PostgresError where error.isUniqueViolation {
///     // already registered
/// }
/// ```
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE code reported by the server; `nil` for client-side errors.
    public var sqlState: String?
    /// The primary, human-readable message.
    public var message: String
    /// The server's optional secondary message with more detail.
    public var detail: String?
    /// `true` when the connection broke: it must be reset before it is used again.
    public var isConnectionError: Bool

    /// Creates an error; the module creates these, callers usually only read them.
    public init(sqlState: String? = nil, message: String, detail: String? = nil, isConnectionError: Bool = false) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.isConnectionError = isConnectionError
    }

    /// `true` for SQLSTATE 23505 (`unique_violation`).
    public var isUniqueViolation: Bool { self.sqlState == "23505" }
    /// `true` for SQLSTATE 23503 (`foreign_key_violation`).
    public var isForeignKeyViolation: Bool { self.sqlState == "23503" }
    /// `true` for SQLSTATE 40001 (`serialization_failure`) and 40P01 (`deadlock_detected`):
    /// the whole transaction may be retried.
    public var isTransactionConflict: Bool { self.sqlState == "40001" || self.sqlState == "40P01" }

    /// The message, with SQLSTATE and detail when present.
    public var description: String {
        var text = "PostgresError"
        if let sqlState = self.sqlState { text += " [\(sqlState)]" }
        if self.isConnectionError { text += " (connection)" }
        text += ": \(self.message)"
        if let detail = self.detail { text += " — \(detail)" }
        return text
    }
}

extension PostgresError {
    /// An error about turning a column's text into a Swift value.
    static func decoding(_ message: String) -> PostgresError {
        PostgresError(message: message)
    }

    /// SQLSTATE classes after which the session is over: 08 (connection exception) and
    /// 57P01..57P03 (admin/crash shutdown, cannot connect now).
    static func isConnectionState(_ sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}
