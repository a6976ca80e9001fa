import Foundation
import ServiceSupport

/// `QUIET_HOURS` (`22:00-07:00`, local time of the jurisdiction; unset or `off`: none): resident
/// messages that are not urgent wait until the window ends. `HH:MM:SS` bounds are accepted too
/// (the system tests use a window of a few seconds).
struct QuietHours: Sendable, Equatable {
    /// Seconds after local midnight.
    let start: Int
    let end: Int
    let timeZone: TimeZone

    /// Parses the setting; nil for none, throws for a malformed value.
    static func parse(_ text: String?, timeZone: TimeZone) throws -> QuietHours? {
        guard let text, !text.isEmpty, text != "off" else { return nil }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Self.seconds(of: $0) }
        guard bounds.count == 2, let start = bounds[0], let end = bounds[1], start != end else {
            throw SettingsError(key: "QUIET_HOURS", message: "expected HH:MM-HH:MM (e.g. 22:00-07:00), got '\(text)'")
        }
        return QuietHours(start: start, end: end, timeZone: timeZone)
    }

    private static func seconds(of text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count, (0..<24).contains(numbers[0]), numbers.dropFirst().allSatisfy({ (0..<60).contains($0) })
        else { return nil }
        return numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)
    }

    /// When a message due at `date` may go out: `date` itself, or the end of the window.
    func release(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let c = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: date)
        let second = (c.hour ?? 0) * 3600 + (c.minute ?? 0) * 60 + (c.second ?? 0)
        let inWindow = self.start < self.end ? (second >= self.start && second < self.end) : (second >= self.start || second < self.end)
        guard inWindow else { return date }
        let wait = (self.end - second + 86_400) % 86_400
        let fraction = Double(c.nanosecond ?? 0) / 1e9
        return date.addingTimeInterval(Double(wait) - fraction)
    }
}
