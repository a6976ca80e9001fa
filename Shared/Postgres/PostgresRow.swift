/// One row of ``PostgresRows``; columns are looked up by name (the first one, if repeated).
///
/// ```swift
/// let title: String = try row.decode("title")              // throws if NULL
/// let closedAt: Date? = try row.decode("closed_at")        // NULL becomes nil
/// let tags = try row.decode("tags", as: [String].self)
/// ```
public struct PostgresRow: Sendable {
    let storage: PostgresResultStorage
    let row: Int

    /// Decodes a non-`NULL` column; throws ``PostgresError`` naming the column when it is
    /// `NULL`, missing, or its text does not fit `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let text = try self.text(column) else {
            throw PostgresError.decoding("column \"\(column)\" is NULL; decode it as \(T.self)? instead of \(T.self)")
        }
        return try Self.decode(text, column: column, as: T.self)
    }

    /// Decodes a column that may be `NULL`, which becomes `nil`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type = T?.self) throws -> T? {
        guard let text = try self.text(column) else { return nil }
        return try Self.decode(text, column: column, as: T.self)
    }

    /// Same as ``decode(_:as:)-(_,Optional<T>.Type)``: `NULL` becomes `nil`.
    public func optional<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        try self.decode(column, as: T?.self)
    }

    /// The column's raw text, `nil` when it is `NULL` or there is no such column.
    public subscript(_ column: String) -> String? {
        guard let position = self.storage.columnIndex[column] else { return nil }
        return self.storage.values[self.row * self.storage.columns.count + position]
    }

    /// `true` when the column is `NULL` (or missing).
    public func isNull(_ column: String) -> Bool {
        self[column] == nil
    }

    private func text(_ column: String) throws -> String? {
        guard let position = self.storage.columnIndex[column] else {
            throw PostgresError.decoding("no column \"\(column)\" in result (columns: \(self.storage.columns.joined(separator: ", ")))")
        }
        return self.storage.values[self.row * self.storage.columns.count + position]
    }

    private static func decode<T: PostgresDecodable>(_ text: String, column: String, as type: T.Type) throws -> T {
        do {
            return try T(postgresText: text)
        } catch let error as PostgresError {
            throw PostgresError.decoding("column \"\(column)\": \(error.message)")
        }
    }
}
