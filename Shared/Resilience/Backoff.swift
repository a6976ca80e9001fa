/// Exponential backoff with jitter, for reconnects and retries: never a busy loop. One type for
/// every loop that waits after a failure (broker and database reconnects, relays, senders).
public struct Backoff: Sendable {
    let initial: Duration
    let maximum: Duration
    var current: Duration

    /// Starts at `initial`, doubling up to `maximum`.
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
        self.current = initial
    }

    /// The next delay: a random share of the current step, which then doubles.
    public mutating func next() -> Duration {
        let step = self.current
        self.current = min(self.current * 2, self.maximum)
        let millis = max(1, Int(step.components.seconds * 1000 + step.components.attoseconds / 1_000_000_000_000_000))
        return .milliseconds(Int.random(in: (millis / 2)...millis))
    }

    /// Back to the first step after a success.
    public mutating func reset() {
        self.current = self.initial
    }
}
