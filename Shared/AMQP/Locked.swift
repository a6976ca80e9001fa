import Synchronization

/// A `Mutex` that closures can capture by reference (a `Mutex` itself cannot be copied).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        self.mutex = Mutex(value)
    }

    func withLock<T: Sendable, E: Error>(_ body: (inout sending Value) throws(E) -> sending T) throws(E) -> sending T {
        try self.mutex.withLock(body)
    }
}
