import Synchronization

/// What `/readyz` reports: each dependency registers a named check; ready when all pass.
public final class Readiness: Sendable {
    /// A named asynchronous check, true when the dependency is usable.
    public typealias Check = @Sendable () async -> Bool

    private let checks = Mutex<[(String, Check)]>([])

    /// Creates an empty set of checks (ready).
    public init() {}

    /// Adds a check named after its dependency (`database`, `broker`...).
    public func add(_ name: String, _ check: @escaping Check) {
        self.checks.withLock { $0.append((name, check)) }
    }

    /// Runs every check; returns the names of the failing ones.
    public func failing() async -> [String] {
        var failed: [String] = []
        for (name, check) in self.checks.withLock({ $0 }) where await !check() {
            failed.append(name)
        }
        return failed
    }
}
