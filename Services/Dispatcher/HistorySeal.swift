import CaseStore
import Logging
import Postgres
import ServiceLifecycle
import ServiceSupport

/// Seals the daily roots of the ticket history (`HistoryLedger.seal`) every `interval`
/// (`HISTORY_SEAL_INTERVAL`, ISO 8601, default `PT1H`): each finished local day gets its root
/// once; several dispatchers may run it (the insert ignores a day already sealed).
struct HistorySeal: Service {
    let pool: PostgresPool
    let ledger: HistoryLedger
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await RepeatingWork.run(every: self.interval, name: "history seal", logger: self.logger) {
            let ledger = self.ledger
            let days = try await self.pool.transaction { try ledger.seal(on: $0) }
            if !days.isEmpty { self.logger.info("history sealed", metadata: ["days": "\(days.joined(separator: ","))"]) }
        }
    }
}
