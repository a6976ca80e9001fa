import CaseStore
import Foundation
import HotlineDomain
import Logging
import Outbox
import Postgres
import ServiceLifecycle

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
        await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        var backoff = Backoff()
        while !Task.isCancelled {
            do {
                if let snapshot = self.jurisdiction.loaded {
                    let store = self.store
                    let escalation = snapshot.jurisdiction.catalog.escalation
                    let window = self.ratingWindow
                    // Drain in passes of 500 so one transaction stays short.
                    while try await self.pool.transaction({ try store.watchDeadlines(escalation: escalation, ratingWindow: window, on: $0) }) >= 500 {}
                }
                backoff.reset()
                try await Task.sleep(for: self.interval)
            } catch {
                if Task.isCancelled { return }
                self.logger.warning("deadline watch failed; will retry", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff.next())
            }
        }
    }
}
