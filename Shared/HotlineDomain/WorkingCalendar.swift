import Foundation

/// The business calendar of a jurisdiction: which days are working days, and when a deadline
/// falls.
///
/// A working day is a Monday to Friday that is not a holiday, or any day listed as a make-up
/// working day (调休), even a Saturday or Sunday.
public struct WorkingCalendar: Sendable {
    /// The holidays and make-up working days this calendar follows.
    public let rules: CalendarRules
    /// The time zone in which days begin and end (Asia/Shanghai for a Chinese city).
    public let timeZone: TimeZone
    /// Holidays, as a set for fast look-up.
    private let holidays: Set<LocalDate>
    /// Make-up working days, as a set for fast look-up.
    private let workdays: Set<LocalDate>

    /// Creates a calendar from the catalog's rules in the jurisdiction's time zone.
    public init(rules: CalendarRules, timeZone: TimeZone) {
        self.rules = rules
        self.timeZone = timeZone
        self.holidays = Set(rules.holidays)
        self.workdays = Set(rules.workdays)
    }

    /// Whether people work on this day: make-up days always, holidays never, otherwise Monday
    /// to Friday.
    public func isWorkingDay(_ day: LocalDate) -> Bool {
        if self.workdays.contains(day) {
            return true
        }
        if self.holidays.contains(day) {
            return false
        }
        return !day.isWeekend
    }

    /// The first working day strictly after a day.
    public func nextWorkingDay(after day: LocalDate) -> LocalDate {
        var candidate = day.adding(days: 1)
        // A year of holidays in a row would be a broken calendar; stop rather than loop forever.
        var guardDays = 0
        while !self.isWorkingDay(candidate), guardDays < 366 {
            candidate = candidate.adding(days: 1)
            guardDays += 1
        }
        return candidate
    }

    /// When a duration started at `start` runs out.
    ///
    /// Without `workingDays` this is plain elapsed time. With it, the whole days of the duration
    /// count working days only: a start on a non-working day first moves to 00:00 local time of
    /// the next working day; each day then moves to the next working day, keeping the local time
    /// of day; finally the hours, minutes and seconds are added as elapsed time. So `P5D` from
    /// Friday 10:00 ends the next Friday 10:00, and `P1D` from Saturday ends Tuesday 00:00.
    public func deadline(from start: Date, adding duration: ISODuration, workingDays: Bool) -> Date {
        guard workingDays else {
            return start.addingTimeInterval(duration.seconds)
        }
        var day = LocalDate(start, timeZone: self.timeZone)
        var timeOfDay = start.timeIntervalSince(day.startOfDay(in: self.timeZone))
        if !self.isWorkingDay(day) {
            day = self.nextWorkingDay(after: day)
            timeOfDay = 0
        }
        for _ in 0..<duration.days {
            day = self.nextWorkingDay(after: day)
        }
        return day.startOfDay(in: self.timeZone)
            .addingTimeInterval(timeOfDay)
            .addingTimeInterval(duration.timeSeconds)
    }
}
