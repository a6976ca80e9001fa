import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
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
            @Option(help: "operator, admin, department, open311, grid, secretary, volunteer or screen") var role: String
            @Option(help: "Department code (role department only).") var department: String?
            @Option(help: "Grid code (role grid only: a grid worker's key sees its own grid's households).") var grid: String?
            @Option(help: "Community code (role secretary only: the community party secretary).") var community: String?
            @Option(help: "Volunteer code (role volunteer only).") var volunteer: String?
            @Option(help: "ISO 8601 date-time after which the key no longer works.") var expiresAt: String?
            @Option(help: "Who holds the key.") var name: String

            func run() async throws {
                var expiry: Date?
                if let text = self.expiresAt {
                    guard let date = HotlineJSON.parseDate(text) else { throw ValidationError("--expires-at is not an ISO 8601 date-time") }
                    expiry = date
                }
                let (scope, errors) = KeyScope.validate(
                    role: self.role, department: self.department, grid: self.grid, community: self.community,
                    volunteer: self.volunteer, expiresAt: expiry
                )
                guard let scope else {
                    throw ValidationError(errors.map { "--\($0.field == "expiresAt" ? "expires-at" : $0.field): \($0.message)" }.joined(separator: "; "))
                }
                guard !self.name.isEmpty, self.name.count <= KeyScope.maxLength else {
                    throw ValidationError("--name must have 1 to \(KeyScope.maxLength) characters")
                }
                let pool = try Keys.pool()
                _ = try await Migrator.migrate(pool, Schema.migrations, logger: Logger(label: "intake.keys"))
                let (key, created) = APIKeys.make(scope, name: self.name)
                try await pool.transaction { try PostgresKeyRepository.insert(key, on: $0) }
                print(created.secret)
                await pool.shutdown()
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")
            func run() async throws {
                let pool = try Keys.pool()
                let rows = try await PostgresKeyRepository(pool: pool).all().map { key in
                    [key.id, key.role, key.department ?? key.grid ?? key.community ?? key.volunteer ?? "-", key.name, key.state()]
                        .joined(separator: "\t")
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
                let count = try await PostgresKeyRepository(pool: pool).revoke(id: id) ? 1 : 0
                print(count == 1 ? "revoked \(id)" : "no active key \(id)")
                await pool.shutdown()
                if count == 0 { throw ExitCode(1) }
            }
        }
    }
}
