import Synchronization

/// One pending wake-up of a worker at a later moment: arming it again while it waits does not
/// add a second timer, only brings the wake-up forward.
final class WakeTimer: Sendable {
    private let due = Mutex<ContinuousClock.Instant?>(nil)
    private let wake: @Sendable () -> Void

    /// Calls `wake` when armed moments come.
    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// Wakes the worker `delay` from now (or at an earlier moment already armed).
    func arm(after delay: Duration) {
        let at = ContinuousClock.now + max(delay, .zero)
        let start = self.due.withLock { due -> Bool in
            if let armed = due, armed <= at { return false }
            due = at
            return true
        }
        guard start else { return }
        Task {
            try? await Task.sleep(until: at, clock: .continuous)
            // Only the timer of the moment still armed wakes (an earlier one replaced it otherwise).
            let fire = self.due.withLock { due -> Bool in
                guard due == at else { return false }
                due = nil
                return true
            }
            if fire { self.wake() }
        }
    }
}
