import CaseStore
import Synchronization

/// SMS rows handed from the transaction that wrote them straight to the sender of this process,
/// once that transaction has committed: the sender sends them without claiming them from the
/// table (no lease update, no scan). They are written with a 20-second lease, so the sender's
/// sweep of the table (other instances, retries, a killed notifier) leaves them alone meanwhile
/// and takes them when that lease runs out unsent.
final class SMSHandoff: Sendable {
    private let waiting = Mutex<[(due: QueuedSMS, at: ContinuousClock.Instant)]>([])
    private let wake: @Sendable () -> Void

    /// Hands off to a sender woken by `wake`.
    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// Offers committed rows to the sender.
    func offer(_ due: [QueuedSMS]) {
        guard !due.isEmpty else { return }
        let now = ContinuousClock.now
        self.waiting.withLock { $0 += due.map { ($0, now) } }
        self.wake()
    }

    /// Takes up to `limit` rows, oldest first. Rows that waited 10 seconds for room are dropped:
    /// their lease is about to run out, and the sweep sends them then (never both).
    func take(_ limit: Int) -> [QueuedSMS] {
        let stale = ContinuousClock.now - .seconds(10)
        return self.waiting.withLock { waiting in
            waiting.removeAll { $0.at < stale }
            let taken = waiting.prefix(max(0, limit)).map(\.due)
            waiting.removeFirst(taken.count)
            return taken
        }
    }
}
