/// Microseconds since the benchmark started, on the monotonic clock shared by every part.
enum BenchClock {
    static let origin = ContinuousClock.now

    static func now() -> UInt64 {
        let origin = self.origin  // initialised first, so `now` is never before it
        let elapsed = ContinuousClock.now - origin
        return UInt64(elapsed.components.seconds) * 1_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000_000)
    }
}
