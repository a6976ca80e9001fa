import Synchronization

/// How many messages are between claim and recorded outcome.
final class InFlightCount: Sendable {
    private let count = Mutex(0)

    var value: Int { self.count.withLock { $0 } }

    func add(_ delta: Int) {
        self.count.withLock { $0 += delta }
    }
}
