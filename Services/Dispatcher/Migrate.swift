import ArgumentParser
import CaseStore
import Logging
import Postgres
import ServiceSupport

extension Dispatcher {
    /// Applies the schema migrations (also done by every service on start).
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply database migrations.")

        func run() async throws {
            let settings = try HotlineSettings()
            let logger = Logger(label: "dispatcher.migrate")
            let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
            let applied = try await Migrator.migrate(pool, Schema.migrations, logger: logger)
            print(applied.isEmpty ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
            await pool.shutdown()
        }
    }
}
