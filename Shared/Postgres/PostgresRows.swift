/// The rows of one statement's result, copied out of libpq into Swift values (text format).
///
/// ```swift
/// let rows = try connection.query("SELECT id, title FROM tickets WHERE status = $1", ["open"])
/// for row in rows {
///     let id: UUID = try row.decode("id")
///     let title = try row.decode("title", as: String.self)
/// }
/// ```
public struct PostgresRows: Sendable, RandomAccessCollection {
    let storage: PostgresResultStorage

    /// Column names in result order.
    public var columns: [String] { self.storage.columns }
    /// Rows inserted, updated, deleted, selected, … as libpq's `PQcmdTuples` reports; 0 when the
    /// command reports none.
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1` or `SELECT 3`.
    public let commandTag: String

    init(storage: PostgresResultStorage, affectedRows: Int, commandTag: String) {
        self.storage = storage
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of rows.
    public var endIndex: Int { self.storage.rowCount }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow {
        precondition(position >= 0 && position < self.storage.rowCount, "row index out of range")
        return PostgresRow(storage: self.storage, row: position)
    }
}

/// Immutable copy of a result's cells; shared by ``PostgresRows`` and its ``PostgresRow``s.
final class PostgresResultStorage: Sendable {
    let columns: [String]
    let columnIndex: [String: Int]
    let rowCount: Int
    /// Row-major cells; `nil` is SQL `NULL`.
    let values: [String?]

    init(columns: [String], rowCount: Int, values: [String?]) {
        self.columns = columns
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() where index[name] == nil { index[name] = position }
        self.columnIndex = index
        self.rowCount = rowCount
        self.values = values
    }
}
