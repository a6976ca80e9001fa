import CaseStore
import Foundation
import HotlineDomain
import Logging
import Metrics
import Outbox
import Resilience
import ServiceLifecycle

/// Sends notifications: first those the planner of this process hands over after its commit
/// (``SMSHandoff``: no claim, no scan), then, as a sweep, due rows of the table (retries,
/// deferred ones, another instance's or a killed notifier's): claims them with a lease, holds back what the
/// per-phone rate limit does not allow yet (moving `not_before`), and sends the rest, up to
/// `maxInFlight` at once. Each message is its own task: a gateway that hangs on one message
/// holds one slot, not a batch. Outcomes are recorded in batches by an `OutcomeRecorder`.
/// Retries back off exponentially with jitter and keep the same messageId; permanent failures
/// are recorded and announced as `notification.failed`. A slow or absent gateway only grows
/// the table; consumption of events never waits for it.
///
/// The sweep runs at most every `sweepInterval` (and again at once while it finds full
/// batches): every finished send frees a slot and wakes the sender, and a sweep per wake-up
/// would scan the table's pending rows hundreds of times a second for rows that are nearly
/// always handed over in memory anyway.
struct SMSSender: Service {
    let queue: any SMSQueue
    let gateway: any SMSGateway
    let wakeUps: WakeUps
    /// Rows handed over in memory by this process's planner, if any.
    var handoff: SMSHandoff? = nil
    let rateLimit: RateLimit?
    let metrics: SMSMetrics
    let logger: Logger
    let batchSize = 200
    let maxInFlight = 64
    let maxAttempts = 12
    /// The shortest time between two sweeps of the table.
    let sweepInterval: Duration = .milliseconds(100)

    func run() async throws {
        let inFlight = InFlightCount()
        let recorder = OutcomeRecorder(sender: self)
        let timer = WakeTimer { [wakeUps] in wakeUps.wake() }
        try await self.wakeUps.whileRunning {
            try await withThrowingDiscardingTaskGroup { group in
                var backoff = Backoff()
                var lastSweep = ContinuousClock.now - .seconds(1)
                for await _ in self.wakeUps.signals().cancelOnGracefulShutdown() {
                    do {
                        var swept = false
                        var full = false
                        while true {
                            let room = min(self.batchSize, self.maxInFlight - inFlight.value)
                            guard room > 0 else { break }
                            let handed = self.handoff?.take(room) ?? []
                            let due: [QueuedSMS]
                            if !handed.isEmpty {
                                due = try await self.admit(handed)
                            } else {
                                // The table, unless swept a moment ago (then at the end of that moment).
                                if swept && !full { break }
                                let since = ContinuousClock.now - lastSweep
                                if !swept && since < self.sweepInterval {
                                    timer.arm(after: self.sweepInterval - since)
                                    break
                                }
                                lastSweep = .now
                                swept = true
                                due = try await self.claim(limit: room)
                                full = due.count == room
                            }
                            inFlight.add(due.count)
                            for item in due {
                                group.addTask {
                                    let outcome = await self.gateway.send(item.sms)
                                    await recorder.record(item, outcome)
                                    inFlight.add(-1)
                                    // A slot is free: look for more due messages.
                                    self.wakeUps.wake()
                                }
                            }
                        }
                        backoff.reset()
                        if swept { try await self.wakeAtNextDue(timer) }
                    } catch {
                        self.logger.warning("claiming notifications failed; will retry", metadata: ["error": "\(error)"])
                        try? await Task.sleep(for: backoff.next())
                        self.wakeUps.wake()
                    }
                }
            }
        }
        await self.gateway.shutdown()
    }

    /// Retries fall due between polls: wake exactly then, so backoff gaps are what they say.
    private func wakeAtNextDue(_ timer: WakeTimer) async throws {
        guard let wait = try await self.queue.secondsToNextDue(), wait < 1 else { return }
        timer.arm(after: .milliseconds(Int(wait * 1000) + 5))
    }

    /// Of the rows handed over (already leased when written), those the rate limit lets go now;
    /// the others wait in the table for their window, as claimed ones do.
    func admit(_ handed: [QueuedSMS]) async throws -> [QueuedSMS] {
        let (due, deferred) = try await self.queue.admit(handed, limit: self.rateLimit)
        self.metrics.deferredRateLimit.increment(by: deferred)
        return due
    }

    /// Claims up to `limit` due messages and returns those the rate limit lets go now. The
    /// 20-second lease outlasts a send (5 s gateway time-out, retries come back through the
    /// table) and is what a killed notifier's messages wait before another one takes them.
    func claim(limit: Int) async throws -> [QueuedSMS] {
        let (due, deferred) = try await self.queue.claim(limit, limit: self.rateLimit)
        self.metrics.deferredRateLimit.increment(by: deferred)
        return due
    }

    /// Records outcomes: sent, retry later (backoff with jitter), or failed for good with its event.
    func record(_ due: [QueuedSMS], _ outcomes: [SendOutcome]) async throws {
        var recorded = SMSOutcomes()
        var failures: [(QueuedSMS, String)] = []
        for (item, outcome) in zip(due, outcomes) {
            switch outcome {
            case .accepted:
                recorded.sent.append(item.id)
                self.metrics.segments.increment(by: item.segments)
            case .retry(let reason, let after) where item.attempts + 1 < self.maxAttempts:
                recorded.retry.append((item.id, max(after ?? 0, Self.retryDelay(attempt: item.attempts + 1)), reason))
            case .retry(let reason, _), .permanent(let reason):
                failures.append((item, reason))
                recorded.failed.append((item.id, reason))
            }
        }
        self.metrics.sent.increment(by: recorded.sent.count)
        self.metrics.retried.increment(by: recorded.retry.count)
        self.metrics.failed.increment(by: failures.count)
        for (item, reason) in failures {
            self.logger.warning(
                "SMS failed permanently",
                metadata: ["to": "\(PhoneNumber.mask(item.recipient))", "kind": "\(item.kind)", "reason": "\(reason)"]
            )
        }
        let events = try failures.map { item, reason in
            try NotificationFailed.event(
                messageId: item.id, kind: item.kind, to: item.recipient, reason: reason, ticketId: item.ticketId, ticketNumber: item.ticketNumber
            )
        }
        try await self.queue.record(recorded, failedEvents: events)
    }

    /// Seconds before attempt `attempt`: 1, 2, 4... capped at 5 minutes, each with jitter over
    /// its upper quarter, so that retries of many messages spread out while every gap stays
    /// longer than the one before.
    static func retryDelay(attempt: Int) -> Double {
        let cap = min(300.0, pow(2.0, Double(attempt - 1)))
        return Double.random(in: (cap * 0.75)...cap)
    }
}
