import CaseStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import ServiceSupport

/// Removes what `RetentionPolicy` says has been kept long enough: the `dispatcher purge` command
/// and the dispatcher's scheduled job, each purge done by the ``RetentionStore`` (one run at a
/// time across every instance; an instance that does not get the lock skips the round).
struct Retention: Service {
    let store: any RetentionStore
    let policy: RetentionPolicy
    let logger: Logger

    func run() async throws {
        guard let interval = self.policy.interval else {
            // No schedule: stay up until the group stops (a service that returns ends the group).
            try? await gracefulShutdown()
            return
        }
        await RepeatingWork.run(every: interval, name: "retention purge", logger: self.logger) {
            let report = try await self.purge()
            if !report.skipped {
                self.logger.info("retention purge", metadata: ["report": "\(report)"])
            }
        }
    }

    /// Runs one purge unless another instance holds the lock (then `skipped`).
    func purge() async throws -> RetentionReport {
        let report = try await self.store.purge(self.policy.periods)
        if !report.skipped {
            for (kind, count) in [
                ("caller", report.callersErased), ("inbox", report.inbox), ("notifications", report.notifications),
                ("outbox", report.outbox), ("idempotency_keys", report.idempotencyKeys), ("inbound_sms", report.inboundSMS),
                ("read_log", report.readLog),
            ] {
                Counter(label: "hotline_retention_purged_total", dimensions: [("kind", kind)]).increment(by: count)
            }
        }
        return report
    }
}
