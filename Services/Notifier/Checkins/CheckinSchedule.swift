import Foundation
import HotlineDomain
import ServiceSupport

/// When the daily check-in goes out and how long a household has to answer: `CHECKIN_AT`
/// (local `HH:MM`, default `08:00`; `HH:MM:SS` accepted) and `CHECKIN_DEADLINE` (ISO 8601
/// duration, default `PT2H`).
struct CheckinSchedule: Sendable, Equatable {
    /// Seconds after local midnight.
    let at: Int
    let deadline: ISODuration
    let timeZone: TimeZone

    /// One local day's check-in window.
    struct Window: Equatable {
        /// The local day, `YYYY-MM-DD`.
        var day: String
        /// When the check-in SMS goes out.
        var opens: Date
        /// After this, the day's check-ins are no longer sent (the deadline would be past).
        var closes: Date
    }

    static func parse(at: String?, deadline: String?, timeZone: TimeZone) throws -> CheckinSchedule {
        let atText = at.flatMap { $0.isEmpty ? nil : $0 } ?? "08:00"
        let parts = atText.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), atText.split(separator: ":").allSatisfy({ $0.count == 2 }),
            let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute),
            parts.count == 2 || (parts[2].map { (0..<60).contains($0) } ?? false)
        else { throw SettingsError(key: "CHECKIN_AT", message: "expected local HH:MM (e.g. 08:00), got '\(atText)'") }
        let deadlineText = deadline.flatMap { $0.isEmpty ? nil : $0 } ?? "PT2H"
        guard let duration = ISODuration(deadlineText), duration.seconds > 0, duration.seconds < 86_400 else {
            throw SettingsError(key: "CHECKIN_DEADLINE", message: "expected an ISO 8601 duration under a day (e.g. PT2H), got '\(deadlineText)'")
        }
        let seconds = hour * 3600 + minute * 60 + (parts.count == 3 ? parts[2]! : 0)
        return CheckinSchedule(at: seconds, deadline: duration, timeZone: timeZone)
    }

    /// The window of the local day `now` falls in.
    func window(containing now: Date) -> Window {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let midnight = calendar.startOfDay(for: now)
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        let opens = midnight.addingTimeInterval(TimeInterval(self.at))
        return Window(day: day, opens: opens, closes: opens.addingTimeInterval(self.deadline.seconds))
    }
}
