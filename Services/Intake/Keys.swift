import ArgumentParser
import CaseStore
import Foundation
import Logging
import Postgres
import ServiceSupport

extension Intake {
    /// `intake keys create|list|revoke`: API keys, shown once, stored hashed.
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self]
        )

        static func pool() throws -> PostgresPool {
            PostgresPool(url: try HotlineSettings().databaseURL, size: 1, logger: Logger(label: "intake.keys"))
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a key and print it (once).")
            @Option(help: "operator, department, admin, open311 or grid") var role: String
            @Option(help: "Department code (role department only).") var department: String?
            @Option(help: "Grid code (role grid only: a grid worker's key sees its own grid's households).") var grid: String?
            @Option(help: "Who holds the key.") var name: String

            func run() async throws {
                guard let role = Role(rawValue: self.role) else {
                    throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard (role == .department) == (self.department != nil) else {
                    throw ValidationError("--department goes with --role department, and only with it")
                }
                guard (role == .grid) == (self.grid != nil) else {
                    throw ValidationError("--grid goes with --role grid, and only with it")
                }
                let pool = try Keys.pool()
                _ = try await Migrator.migrate(pool, Schema.migrations, logger: Logger(label: "intake.keys"))
                let (department, grid, name) = (self.department, self.grid, self.name)
                let key = try await pool.transaction { try APIKeys.create(role: role, department: department, grid: grid, name: name, on: $0) }
                print(key)
                await pool.shutdown()
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")
            func run() async throws {
                let pool = try Keys.pool()
                let rows = try await pool.withConnection {
                    try $0.query(
                        "SELECT id::text AS id, name, role, COALESCE(department, grid) AS department, created_at, revoked_at FROM api_keys ORDER BY created_at"
                    ).map { row in
                        [
                            try row.decode("id", as: String.self), try row.decode("role", as: String.self),
                            try row.decode("department", as: String?.self) ?? "-", try row.decode("name", as: String.self),
                            try row.decode("revoked_at", as: Date?.self) == nil ? "active" : "revoked",
                        ].joined(separator: "\t")
                    }
                }
                rows.forEach { print($0) }
                await pool.shutdown()
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a key by id.")
            @Argument var id: String
            func run() async throws {
                let pool = try Keys.pool()
                let id = self.id
                let count = try await pool.withConnection {
                    try $0.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1::uuid AND revoked_at IS NULL RETURNING id", [id]).count
                }
                print(count == 1 ? "revoked \(id)" : "no active key \(id)")
                await pool.shutdown()
                if count == 0 { throw ExitCode(1) }
            }
        }
    }
}
