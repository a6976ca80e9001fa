import Logging

/// Applies ``Migration``s that the database has not seen yet.
///
/// Applied versions are recorded in `schema_migrations` (created if missing, in the first
/// schema of the `search_path`). The whole run holds a session-level `pg_advisory_lock`, so
/// several processes may migrate at once: one applies, the others wait and then find nothing
/// to do. Each migration runs in its own transaction together with its `schema_migrations`
/// row, so a failing migration leaves nothing behind and stops the run.
public enum Migrator {
    /// The advisory lock key shared by every process migrating this database.
    static let lockKey: Int64 = 0x6875_6d69_6772_6174

    /// Applies, in version order, each migration whose version is not recorded yet, and returns
    /// the versions applied by this call (empty when the database was up to date).
    /// Throws on duplicate versions or on the first failing migration.
    public static func migrate(_ pool: PostgresPool, _ migrations: [Migration], logger: Logger) async throws -> [Int] {
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else {
            throw PostgresError(message: "duplicate migration versions in \(versions.sorted())")
        }
        let pending = migrations.sorted { $0.version < $1.version }
        return try await pool.withConnection { connection in
            // A service may connect with a statement_timeout (intake does): waiting for another
            // instance's migration, or building an index on a big table, is not a hung request.
            try connection.execute("SET statement_timeout = 0")
            defer { try? connection.execute("RESET statement_timeout") }
            try connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey])
            defer {
                do {
                    try connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                } catch {
                    logger.warning("could not release the migration lock", metadata: ["error": "\(error)"])
                }
            }
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version bigint PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """
            )
            let applied = Set(try connection.query("SELECT version FROM schema_migrations").map { try $0.decode("version", as: Int.self) })
            var appliedNow: [Int] = []
            for migration in pending where !applied.contains(migration.version) {
                logger.info("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                do {
                    try connection.transaction { connection in
                        try connection.execute(migration.sql)
                        try connection.query(
                            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                            [migration.version, migration.name]
                        )
                    }
                } catch var error as PostgresError {
                    error.message = "migration \(migration.version) (\(migration.name)) failed: \(error.message)"
                    throw error
                }
                appliedNow.append(migration.version)
            }
            if appliedNow.isEmpty { logger.debug("database schema is up to date") }
            return appliedNow
        }
    }
}
