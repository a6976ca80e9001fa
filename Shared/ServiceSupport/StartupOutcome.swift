import Synchronization

/// How a ``Startup``'s work ended, settled once: done (with its error, if any), or stopped by a
/// shutdown or cancellation first.
final class StartupOutcome: Sendable {
    enum Value: Sendable {
        case done((any Error)?)
        case stopped
    }

    private struct State {
        var value: Value?
        var waiter: CheckedContinuation<Value, Never>?
    }

    private let state = Mutex(State())

    /// Settles the outcome (the first call wins) and wakes the waiter.
    func resolve(_ value: Value) {
        let waiter = self.state.withLock { state -> CheckedContinuation<Value, Never>? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    /// The outcome, once settled (one waiter).
    func wait() async -> Value {
        await withCheckedContinuation { continuation in
            let settled = self.state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.waiter = continuation
                return nil
            }
            if let settled { continuation.resume(returning: settled) }
        }
    }
}
