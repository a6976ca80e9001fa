/// One schema change, applied once by ``Migrator`` in its own transaction.
///
/// ```swift
/// Migration(version: 1, name: "create tickets", sql: """
///     CREATE TABLE tickets (id uuid PRIMARY KEY, title text NOT NULL);
///     CREATE INDEX tickets_title ON tickets (title);
///     """)
/// ```
public struct Migration: Sendable, Equatable {
    /// Unique, ascending order of application. Never reuse or renumber one that shipped.
    public var version: Int
    /// A short description, stored alongside the version.
    public var name: String
    /// One or more statements, run with `PQexec`; no `BEGIN`/`COMMIT` of its own.
    public var sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
