import Foundation

/// `QUIET_HOURS` (`22:00-07:00`, local time of the jurisdiction; unset or `off`: none):
/// resident messages that are not urgent wait until the window ends.
struct QuietHours: Sendable {
    let start: Int  // minutes after midnight
    let end: Int
    let timeZone: TimeZone

    /// Parses the setting; nil for none, throws for a malformed value.
    static func parse(_ text: String?, timeZone: TimeZone) throws -> QuietHours? {
        guard let text, !text.isEmpty, text != "off" else { return nil }
        let parts = text.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0..<24).contains($0[0]) && (0..<60).contains($0[1]) })
        else { throw TemplateError(kind: "QUIET_HOURS", problem: "expected HH:MM-HH:MM, got '\(text)'") }
        return QuietHours(start: parts[0][0] * 60 + parts[0][1], end: parts[1][0] * 60 + parts[1][1], timeZone: timeZone)
    }

    /// When a message due at `date` may go out: `date` itself, or the end of the window.
    func release(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        let inWindow = self.start <= self.end ? (minute >= self.start && minute < self.end) : (minute >= self.start || minute < self.end)
        guard inWindow else { return date }
        let wait = (self.end - minute + 24 * 60) % (24 * 60)
        let startOfMinute = calendar.date(bySetting: .second, value: 0, of: date) ?? date
        return startOfMinute.addingTimeInterval(Double(wait) * 60)
    }
}
