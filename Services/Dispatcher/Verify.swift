import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceSupport

extension Dispatcher {
    /// `dispatcher verify [--from --to]`: recomputes the history's hash chains and the sealed
    /// daily roots (see `HistoryLedger`) and names the first broken link; exit status 1 then.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the tamper-evident ticket history (hash chains and daily roots)."
        )

        @Option(help: "Start: YYYY-MM-DD (local day) or an ISO 8601 instant; default: the beginning.")
        var from: String?

        @Option(help: "End (exclusive): YYYY-MM-DD (local day, the day itself excluded) or an ISO 8601 instant; default: now.")
        var to: String?

        func run() async throws {
            let settings = try HotlineSettings()
            let zone = settings.timeZone
            func instant(_ text: String?, _ name: String) throws -> Date? {
                guard let text else { return nil }
                if let date = HotlineJSON.parseDate(text) { return date }
                if let day = LocalDate(text) { return day.startOfDay(in: zone) }
                throw ValidationError("--\(name): not a date (YYYY-MM-DD) or an ISO 8601 instant: \(text)")
            }
            let from = try instant(self.from, "from") ?? Date(timeIntervalSince1970: 0)
            let to = try instant(self.to, "to") ?? Date().addingTimeInterval(1)
            let logger = Logger(label: "dispatcher.verify")
            let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
            let ledger = HistoryLedger(timeZone: zone)
            let report = try await pool.withConnection { try ledger.verify(from: from, to: to, on: $0) }
            await pool.shutdown()
            if let broken = report.firstBreak {
                print("BROKEN: \(broken)")
                throw ExitCode(1)
            }
            print("ok: \(report.events) chained events and \(report.days) sealed days verified")
        }
    }

    /// `dispatcher seal`: stores the daily roots of finished days (the dispatcher also does it hourly).
    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Seal the daily roots of the ticket history's finished days.")

        @Option(help: "Seal this one finished day (YYYY-MM-DD) if it has no root yet; default: every day since the last sealed one.")
        var day: String?

        func run() async throws {
            let settings = try HotlineSettings()
            let logger = Logger(label: "dispatcher.seal")
            if let day = self.day, LocalDate(day) == nil { throw ValidationError("--day: not a date (YYYY-MM-DD): \(day)") }
            let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
            let ledger = HistoryLedger(timeZone: settings.timeZone)
            let one = self.day
            let days = try await pool.transaction { connection -> [String] in
                if let one { return try ledger.seal(day: one, on: connection) ? [one] : [] }
                return try ledger.seal(on: connection)
            }
            await pool.shutdown()
            print(days.isEmpty ? "nothing to seal" : "sealed \(days.joined(separator: ", "))")
        }
    }
}
