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
    /// Without `workingDays` this is plain elapsed time. With it, the duration is working time:
    /// only working days pass, each a whole 24 hours (CONTRACTS section 3). A start on a
    /// non-working day first moves to 00:00 of the next working day; the deadline is the instant
    /// the last of that working time is used up, so it never lies after the non-working days
    /// that follow it. `P5D` from Monday 00:00 ends Friday 24:00 (Saturday 00:00), from Friday
    /// 10:00 the next Friday 10:00; `P1D` from Saturday ends Monday 24:00.
    public func deadline(from start: Date, adding duration: ISODuration, workingDays: Bool) -> Date {
        guard workingDays else {
            return start.addingTimeInterval(duration.seconds)
        }
        var day = LocalDate(start, timeZone: self.timeZone)
        var instant = start
        if !self.isWorkingDay(day) {
            day = self.nextWorkingDay(after: day)
            instant = day.startOfDay(in: self.timeZone)
        }
        var remaining = duration.seconds
        // A year of working days is far beyond any SLA; stop rather than loop on a broken calendar.
        for _ in 0..<400 {
            let endOfDay = day.adding(days: 1).startOfDay(in: self.timeZone)
            let leftToday = endOfDay.timeIntervalSince(instant)
            if remaining <= leftToday {
                return instant.addingTimeInterval(remaining)
            }
            remaining -= leftToday
            day = self.nextWorkingDay(after: day)
            instant = day.startOfDay(in: self.timeZone)
        }
        return instant.addingTimeInterval(remaining)
    }
}
