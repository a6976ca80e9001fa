/// Delay between failed connection attempts: 100 ms, doubling up to 5 s.
struct Backoff: Sendable {
    static let initial: Duration = .milliseconds(100)
    static let maximum: Duration = .seconds(5)
    private(set) var current: Duration = Backoff.initial

    /// The delay to wait now; the next one doubles.
    mutating func next() -> Duration {
        let delay = self.current
        self.current = min(self.current * 2, Backoff.maximum)
        return delay
    }

    mutating func reset() {
        self.current = Backoff.initial
    }
}
