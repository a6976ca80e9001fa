/// The holidays and make-up working days (调休) of the business calendar.
public struct CalendarRules: Codable, Sendable, Hashable {
    /// Days off, even when they fall on a weekday.
    public var holidays: [LocalDate]
    /// Make-up working days, even when they fall on a weekend.
    public var workdays: [LocalDate]

    /// Creates rules; none means a plain Monday-to-Friday week.
    public init(holidays: [LocalDate] = [], workdays: [LocalDate] = []) {
        self.holidays = holidays
        self.workdays = workdays
    }
}
