import Foundation

extension LocalDate {
    /// The local date of an instant in a time zone.
    public init(_ date: Date, timeZone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        self.init(civilDay: Int((local / 86_400).rounded(.down)))
    }

    /// The instant this day begins (local midnight) in a time zone.
    public func startOfDay(in timeZone: TimeZone) -> Date {
        let midnightUTC = Double(self.civilDay) * 86_400
        // The offset is read twice because it may change (daylight saving) between UTC midnight
        // and local midnight.
        let guess = midnightUTC - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: midnightUTC)))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))
        return Date(timeIntervalSince1970: midnightUTC - Double(offset))
    }

    /// The date a number of days later (or earlier, when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(civilDay: self.civilDay + days)
    }

    /// ISO weekday: 1 is Monday ... 7 is Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let offset = (self.civilDay + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    /// Whether the day is a Saturday or Sunday.
    public var isWeekend: Bool {
        self.isoWeekday >= 6
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil), so date arithmetic needs no
    /// `Calendar`.
    var civilDay: Int {
        let year = self.month <= 2 ? self.year - 1 : self.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let monthIndex = self.month > 2 ? self.month - 3 : self.month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + self.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day counted from 1970-01-01 (civil-from-days).
    init(civilDay: Int) {
        let shifted = civilDay + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }
}
