import Foundation

/// A deadline written the way people say it (CONTRACTS sections 3 and 6), the one formatting
/// used by SMS texts, the API's deadline texts, the console and the screen.
///
/// The local date with its weekday, then the hour: `12月4日（周五）10时`, `12月4日（周五）10时30分`.
/// An instant at local midnight is the end of the day before, written `12月4日（周五）24时`, never
/// 00:00 of the next day, which a resident would read as a day early.
///
/// ```swift
/// DeadlineText(timeZone: shanghai).format(saturdayMidnight)   // "12月4日（周五）24时"
/// DeadlineText(timeZone: shanghai).clock(tenThirty)           // "10时30分"
/// ```
public struct DeadlineText: Sendable {
    /// The zone in which days begin and end.
    public let timeZone: TimeZone

    /// Creates a formatter for the jurisdiction's time zone.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// `M月D日（周X）` and the time of day, midnight as 24时 of the day before.
    public func format(_ date: Date) -> String {
        let (day, seconds) = self.split(date)
        return "\(day.month)月\(day.day)日（\(Self.weekdayName(day.isoWeekday))）" + Self.clockText(seconds)
    }

    /// The time of day alone (`10时`, `10时30分`, `24时` at midnight), for a deadline known to be
    /// today, such as the daily check-in's.
    public func clock(_ date: Date) -> String {
        Self.clockText(self.split(date).seconds)
    }

    /// The local day a deadline belongs to and its seconds into that day; midnight belongs to
    /// the day before, as its 86,400th second.
    private func split(_ date: Date) -> (day: LocalDate, seconds: Int) {
        let day = LocalDate(date, timeZone: self.timeZone)
        let seconds = Int(date.timeIntervalSince(day.startOfDay(in: self.timeZone)).rounded(.down))
        return seconds == 0 ? (day.adding(days: -1), 86_400) : (day, seconds)
    }

    private static func clockText(_ seconds: Int) -> String {
        let hour = seconds / 3_600
        let minute = (seconds % 3_600) / 60
        return minute == 0 ? "\(hour)时" : "\(hour)时\(minute < 10 ? "0" : "")\(minute)分"
    }

    /// 周一 ... 周日 for ISO weekdays 1 ... 7.
    public static func weekdayName(_ isoWeekday: Int) -> String {
        let names = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        return names[max(0, min(6, isoWeekday - 1))]
    }
}

extension CodingUserInfoKey {
    /// A `TimeZone` in an encoder's `userInfo`: types with deadlines then also encode them as
    /// ``DeadlineText`` writes them.
    public static let deadlineTimeZone = CodingUserInfoKey(rawValue: "hotline.deadlineTimeZone")!
}
