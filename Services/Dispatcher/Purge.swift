import ArgumentParser
import CaseStore
import Foundation
import Logging
import Postgres
import ServiceSupport

extension Dispatcher {
    /// `dispatcher purge`: one retention purge now (the `RETENTION_*` periods of the
    /// environment); prints what it removed as JSON. Waits for a purge running elsewhere.
    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase callers of tickets closed longer than RETENTION_CALLER ago and trim old records (RETENTION_*)."
        )

        func run() async throws {
            let settings = try DispatcherConfiguration()
            let logger = Logger(label: "dispatcher.purge")
            let policy = RetentionPolicy(periods: settings.retention)
            let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
            let retention = Retention(store: PostgresRetentionStore(pool: pool), policy: policy, logger: logger)
            var report = try await retention.purge()
            // The scheduled job of a running dispatcher holds the lock for a moment: wait for it.
            for _ in 0..<60 where report.skipped {
                try await Task.sleep(for: .seconds(1))
                report = try await retention.purge()
            }
            await pool.shutdown()
            if report.skipped { throw ValidationError("another purge kept the retention lock for a minute; try again") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
