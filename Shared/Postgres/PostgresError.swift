/// An error from PostgreSQL, from libpq, or from turning a result into Swift values.
///
/// Server errors carry their SQLSTATE (`sqlState`, e.g. `"23505"` for a unique violation),
/// the primary `message`, the optional `detail` and the names of the constraint, table and
/// column concerned. The `description` (what logs and dead-letter reasons show) carries the
/// SQLSTATE, those names and the message, never the `detail` (which quotes row values, e.g.
/// `Key (phone)=(139...) already exists`) nor the value a data exception quotes. `isConnectionError` is `true` when the
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
    /// The constraint violated, when the server names one (integrity errors).
    public var constraint: String?
    /// The table concerned, when the server names one.
    public var table: String?
    /// The column concerned, when the server names one.
    public var column: String?

    /// Creates an error; the module creates these, callers usually only read them.
    public init(
        sqlState: String? = nil, message: String, detail: String? = nil, isConnectionError: Bool = false,
        constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.isConnectionError = isConnectionError
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// `true` for SQLSTATE 23505 (`unique_violation`).
    public var isUniqueViolation: Bool { self.sqlState == "23505" }
    /// `true` for SQLSTATE 23503 (`foreign_key_violation`).
    public var isForeignKeyViolation: Bool { self.sqlState == "23503" }
    /// `true` for SQLSTATE 40001 (`serialization_failure`) and 40P01 (`deadlock_detected`):
    /// the whole transaction may be retried.
    public var isTransactionConflict: Bool { self.sqlState == "40001" || self.sqlState == "40P01" }

    /// `true` when the database cannot take this work now but will later, whatever the work:
    /// a broken connection, a read-only server or transaction (25006), insufficient resources
    /// (class 53: disk full 53100, out of memory, too many connections), serialization failures
    /// and deadlocks (40001, 40P01), lock and statement timeouts (55P03, 57014), operator
    /// intervention (57P0x) and I/O errors (58030). Work failing so is held and retried, never
    /// given up on (no dead-lettering, a 503 to HTTP clients).
    public var isOutage: Bool {
        if self.isConnectionError { return true }
        guard let state = self.sqlState else { return false }
        return state.hasPrefix("53") || state.hasPrefix("08") || state.hasPrefix("57P")
            || ["25006", "40001", "40P01", "55P03", "55006", "57014", "58030", "58000"].contains(state)
    }

    /// An outage of the server itself (unreachable, read-only, out of resources), as opposed to
    /// contention (serialization, deadlock, lock or statement timeout) that the next try may
    /// not meet: what makes `/readyz` false.
    public var isServerOutage: Bool {
        self.isOutage && !self.isTransactionConflict && !["55P03", "55006", "57014"].contains(self.sqlState ?? "")
    }

    /// The SQLSTATE, the constraint, table and column names, and the message without the
    /// values it may quote: safe for logs and dead-letter reasons (no residents' data).
    public var description: String {
        var text = "PostgresError"
        if let sqlState = self.sqlState { text += " [\(sqlState)]" }
        if self.isConnectionError { text += " (connection)" }
        if let constraint = self.constraint { text += " constraint=\(constraint)" }
        if let table = self.table { text += " table=\(table)" }
        if let column = self.column { text += " column=\(column)" }
        text += ": \(self.redactedMessage)"
        return text
    }

    /// The message without quoted input: a data exception (class 22, e.g. `invalid input syntax
    /// for type uuid: "..."`) is cut before the value it quotes.
    public var redactedMessage: String {
        guard let state = self.sqlState, state.hasPrefix("22") || state.hasPrefix("23") else { return self.message }
        var text = Substring(self.message)
        while let colon = text.firstIndex(of: ":") {
            if text[text.index(after: colon)...].hasPrefix(" ") { return String(self.message[..<colon]) }
            text = text[text.index(after: colon)...]
        }
        return self.message
    }
}

extension PostgresError {
    /// An error about turning a column's text into a Swift value.
    static func decoding(_ message: String) -> PostgresError {
        PostgresError(message: message)
    }

    /// SQLSTATE classes after which the session is over: 08 (connection exception),
    /// 57P01..57P03 (admin/crash shutdown, cannot connect now), and 25006 (read-only
    /// transaction): a session keeps the read-only default it started with, or is on a standby,
    /// so only a new connection sees the database take writes again.
    static func isConnectionState(_ sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "25006"].contains(sqlState)
    }
}
