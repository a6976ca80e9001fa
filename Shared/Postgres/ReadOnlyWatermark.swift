import Synchronization

/// When a pool last met a read-only session (SQLSTATE 25006), shared by its slots: a session
/// keeps the read-only default it started with, so every session opened before that moment may
/// be read-only and is replaced once at its next use, after the database takes writes again.
final class ReadOnlyWatermark: Sendable {
    private let seen = Mutex<ContinuousClock.Instant?>(nil)

    /// Records a read-only session now.
    func mark() {
        self.seen.withLock { $0 = .now }
    }

    /// Whether a session opened at `opened` may be read-only.
    func isStale(_ opened: ContinuousClock.Instant) -> Bool {
        self.seen.withLock { seen in seen.map { opened <= $0 } ?? false }
    }
}
