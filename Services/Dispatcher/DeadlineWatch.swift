import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceLifecycle
import ServiceSupport

/// The SLA watch: every `interval`, finds what is overdue, escalates and closes unrated
/// tickets (see `CaseStore.watchDeadlines`). Safe with several dispatchers running.
struct DeadlineWatch: Service {
    let pool: PostgresPool
    let store: CaseStore
    let jurisdiction: JurisdictionCache
    let ratingWindow: TimeInterval
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await RepeatingWork.run(every: self.interval, name: "deadline watch", logger: self.logger) {
            guard let snapshot = self.jurisdiction.loaded else { return }
            let store = self.store
            let escalation = snapshot.jurisdiction.catalog.escalation
            let window = self.ratingWindow
            // Drain in passes of 500 so one transaction stays short.
            while try await self.pool.transaction({ try store.watchDeadlines(escalation: escalation, ratingWindow: window, on: $0) }) >= 500 {}
        }
    }
}
