import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("Migrator")
    struct MigratorTests {
        static let migrations = [
            Migration(version: 2, name: "notes", sql: "CREATE TABLE notes (id int PRIMARY KEY, body text); CREATE INDEX notes_body ON notes (body)"),
            Migration(version: 1, name: "people", sql: "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL)"),
            Migration(version: 3, name: "seed", sql: "INSERT INTO people VALUES (1, 'Ada'); INSERT INTO notes VALUES (1, 'hello')"),
        ]

        /// Runs `body` with pools whose sessions use a fresh schema, dropped afterwards.
        func withSchema(pools count: Int, _ body: ([PostgresPool]) async throws -> Void) async throws {
            let schema = TestDatabase.uniqueName("migrations")
            let admin = try PostgresConnection(url: try TestDatabase.url())
            try admin.execute("CREATE SCHEMA \(schema)")
            defer { _ = try? admin.execute("DROP SCHEMA \(schema) CASCADE") }
            let pools = try (0..<count).map { _ in
                PostgresPool(url: try TestDatabase.url(schema: schema), size: 2, logger: TestDatabase.logger)
            }
            do {
                try await body(pools)
            } catch {
                for pool in pools { await pool.shutdown() }
                throw error
            }
            for pool in pools { await pool.shutdown() }
        }

        @Test func appliesInOrderAndIsIdempotent() async throws {
            try await self.withSchema(pools: 1) { pools in
                let pool = pools[0]
                #expect(try await Migrator.migrate(pool, Self.migrations, logger: TestDatabase.logger) == [1, 2, 3])
                #expect(try await Migrator.migrate(pool, Self.migrations, logger: TestDatabase.logger) == [])
                let more = Self.migrations + [Migration(version: 4, name: "more", sql: "ALTER TABLE people ADD COLUMN email text")]
                #expect(try await Migrator.migrate(pool, more, logger: TestDatabase.logger) == [4])
                let recorded = try await pool.withConnection { connection in
                    try connection.query("SELECT version, name FROM schema_migrations ORDER BY version").map {
                        "\(try $0.decode("version", as: Int.self)):\(try $0.decode("name", as: String.self))"
                    }
                }
                #expect(recorded == ["1:people", "2:notes", "3:seed", "4:more"])
            }
        }

        @Test func twoConcurrentCallersApplyEachMigrationOnce() async throws {
            try await self.withSchema(pools: 2) { pools in
                async let first = Migrator.migrate(pools[0], Self.migrations, logger: TestDatabase.logger)
                async let second = Migrator.migrate(pools[1], Self.migrations, logger: TestDatabase.logger)
                let results = try await [first, second]
                #expect(results.contains([1, 2, 3]))
                #expect(results.contains([]))
                let people = try await pools[0].withConnection { connection in
                    try connection.query("SELECT count(*) AS n FROM people")[0].decode("n", as: Int.self)
                }
                #expect(people == 1)
            }
        }

        @Test func failingMigrationLeavesNothingBehind() async throws {
            try await self.withSchema(pools: 1) { pools in
                let broken = Self.migrations + [
                    Migration(version: 4, name: "broken", sql: "CREATE TABLE half (x int); SELECT no_such_function()")
                ]
                let error = await thrownError(PostgresError.self) {
                    _ = try await Migrator.migrate(pools[0], broken, logger: TestDatabase.logger)
                }
                #expect(error?.message.contains("migration 4") == true)
                #expect(error?.sqlState == "42883")
                let state = try await pools[0].withConnection { connection in
                    (
                        try connection.query("SELECT max(version) AS v FROM schema_migrations")[0].decode("v", as: Int.self),
                        try connection.query("SELECT to_regclass('half') IS NULL AS gone")[0].decode("gone", as: Bool.self)
                    )
                }
                #expect(state.0 == 3)
                #expect(state.1)
                let duplicate = await thrownError(PostgresError.self) {
                    _ = try await Migrator.migrate(pools[0], Self.migrations + [Self.migrations[0]], logger: TestDatabase.logger)
                }
                #expect(duplicate != nil)
            }
        }
    }
}
