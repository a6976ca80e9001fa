import Foundation

/// `SMS_RATE_PER_HOUR` (default 10; `0`: unlimited): at most that many messages to one phone in
/// any rolling hour. It applies to resident messages that are not urgent (staff alerts, 三重
/// matters and broadcasts are never held back); a message over the limit is deferred to the
/// moment a slot frees, never dropped.
public struct RateLimit: Sendable, Equatable {
    /// Messages per phone per rolling hour.
    public let perHour: Int
    /// The rolling window.
    public let window: TimeInterval = 3600

    /// At most `perHour` messages per phone and hour.
    public init(perHour: Int) {
        self.perHour = perHour
    }

    /// For one phone: `sent` are its sends of the last hour, `due` how many more are due `now`.
    /// Returns how many of them may go now and, for each of the others in order, when it may go.
    public func schedule(sent: [Date], due: Int, now: Date) -> (allowed: Int, deferredUntil: [Date]) {
        var window = sent.filter { now.timeIntervalSince($0) < self.window }.sorted()
        let allowed = min(due, max(0, self.perHour - window.count))
        window += Array(repeating: now, count: allowed)
        var deferred: [Date] = []
        for _ in allowed..<due {
            // The next message may go when the perHour-th most recent send leaves the window.
            let release = window[window.count - self.perHour].addingTimeInterval(self.window)
            deferred.append(release)
            window.append(release)
        }
        return (allowed, deferred)
    }
}

extension RateLimit {
    /// The limit of the setting (`NotifierConfiguration.smsRatePerHour`, checked there); nil for 0, unlimited.
    public init?(perHourSetting perHour: Int) {
        guard perHour > 0 else { return nil }
        self.init(perHour: perHour)
    }
}
