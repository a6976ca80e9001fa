import Foundation
import Testing
@testable import HotlineDomain

@Suite struct WorkingCalendarTests {
    /// The fixture's rules: National Day 2026-10-01..07 off, Sunday 09-27 and Saturday 10-10
    /// worked instead.
    let rules = CalendarRules(
        holidays: (1...7).map { LocalDate(year: 2026, month: 10, day: $0) },
        workdays: [LocalDate(year: 2026, month: 9, day: 27), LocalDate(year: 2026, month: 10, day: 10)]
    )

    var calendar: WorkingCalendar {
        WorkingCalendar(rules: self.rules, timeZone: Fixtures.shanghai)
    }

    @Test func knowsWorkingDays() throws {
        let calendar = self.calendar
        #expect(calendar.isWorkingDay(try #require(LocalDate("2026-09-25"))))  // Friday
        #expect(!calendar.isWorkingDay(try #require(LocalDate("2026-09-26"))))  // Saturday
        #expect(calendar.isWorkingDay(try #require(LocalDate("2026-09-27"))))  // make-up Sunday
        #expect(!calendar.isWorkingDay(try #require(LocalDate("2026-10-01"))))  // holiday Thursday
        #expect(!calendar.isWorkingDay(try #require(LocalDate("2026-10-05"))))  // holiday Monday
        #expect(calendar.isWorkingDay(try #require(LocalDate("2026-10-08"))))
        #expect(calendar.isWorkingDay(try #require(LocalDate("2026-10-10"))))  // make-up Saturday
        #expect(!calendar.isWorkingDay(try #require(LocalDate("2026-10-11"))))
    }

    @Test func elapsedTimeWithoutWorkingDays() {
        let start = Fixtures.instant("2026-10-01T23:50:00+08:00")
        let due = self.calendar.deadline(from: start, adding: ISODuration(minutes: 30), workingDays: false)
        #expect(due == Fixtures.instant("2026-10-02T00:20:00+08:00"))
        let day = self.calendar.deadline(from: start, adding: ISODuration(days: 1), workingDays: false)
        #expect(day == Fixtures.instant("2026-10-02T23:50:00+08:00"))
    }

    @Test func skipsWeekend() {
        // Friday 2026-09-18 10:00 + 5 working days = Friday 09-25 10:00.
        let start = Fixtures.instant("2026-09-18T10:00:00+08:00")
        #expect(self.calendar.deadline(from: start, adding: ISODuration(days: 5), workingDays: true)
            == Fixtures.instant("2026-09-25T10:00:00+08:00"))
        #expect(self.calendar.deadline(from: start, adding: ISODuration(days: 1), workingDays: true)
            == Fixtures.instant("2026-09-21T10:00:00+08:00"))
    }

    @Test func startOnWeekendMovesToNextWorkingMidnight() {
        // Saturday 2026-09-19 15:00: the clock starts Monday 09-21 00:00; P1D ends Tuesday 00:00.
        let start = Fixtures.instant("2026-09-19T15:00:00+08:00")
        #expect(self.calendar.deadline(from: start, adding: ISODuration(days: 1), workingDays: true)
            == Fixtures.instant("2026-09-22T00:00:00+08:00"))
        #expect(self.calendar.deadline(from: start, adding: ISODuration(hours: 8), workingDays: true)
            == Fixtures.instant("2026-09-21T08:00:00+08:00"))
    }

    @Test func holidayWeekWithMakeUpDays() {
        // Friday 09-25 10:00: working days after are Sun 09-27 (make-up), Mon 28, Tue 29, Wed 30,
        // then the holiday week, then Thu 10-08.
        let start = Fixtures.instant("2026-09-25T10:00:00+08:00")
        #expect(self.calendar.deadline(from: start, adding: ISODuration(days: 1), workingDays: true)
            == Fixtures.instant("2026-09-27T10:00:00+08:00"))
        #expect(self.calendar.deadline(from: start, adding: ISODuration(days: 5), workingDays: true)
            == Fixtures.instant("2026-10-08T10:00:00+08:00"))
        // From Wednesday 09-30: Thu 10-08, Fri 10-09, Sat 10-10 (make-up), Mon 10-12.
        let eve = Fixtures.instant("2026-09-30T16:00:00+08:00")
        #expect(self.calendar.deadline(from: eve, adding: ISODuration(days: 4), workingDays: true)
            == Fixtures.instant("2026-10-12T16:00:00+08:00"))
        // Start inside the holiday: the clock starts Thursday 10-08 00:00.
        let holiday = Fixtures.instant("2026-10-03T09:00:00+08:00")
        #expect(self.calendar.deadline(from: holiday, adding: ISODuration(days: 1, hours: 2, minutes: 30), workingDays: true)
            == Fixtures.instant("2026-10-09T02:30:00+08:00"))
    }

    @Test func timeZoneDecidesTheLocalDay() {
        // 2026-09-25T18:00Z is Saturday 02:00 in Shanghai but still Friday in UTC.
        let start = Fixtures.instant("2026-09-25T18:00:00Z")
        let utc = WorkingCalendar(rules: self.rules, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.deadline(from: start, adding: ISODuration(days: 1), workingDays: true)
            == Fixtures.instant("2026-09-27T18:00:00Z"))
        #expect(self.calendar.deadline(from: start, adding: ISODuration(days: 1), workingDays: true)
            == Fixtures.instant("2026-09-28T00:00:00+08:00"))
    }

    @Test func localDateParsesAndOrders() throws {
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2026-1-01") == nil)
        #expect(LocalDate("0000-10-10") == nil)
        #expect(LocalDate("0841-10-10")?.text == "0841-10-10")
        #expect(LocalDate("27/09/2026") == nil)
        let date = try #require(LocalDate("2026-10-01"))
        #expect(date.text == "2026-10-01")
        #expect(date.isoWeekday == 4)
        #expect(date.adding(days: 31) == LocalDate(year: 2026, month: 11, day: 1))
        #expect(date < LocalDate(year: 2026, month: 10, day: 2))
        #expect(LocalDate(Fixtures.instant("2026-09-30T16:30:00Z"), timeZone: Fixtures.shanghai).text == "2026-10-01")
        let data = try HotlineJSON.encoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-10-01"]"#)
        #expect(try HotlineJSON.decoder().decode([LocalDate].self, from: data) == [date])
    }
}

/// Working-day deadlines as people count them (docs/deadlines.md), written out by hand: a
/// duration ends when its last working day has run out, never after the days off that follow.
@Suite struct WorkingDayDeadlineTableTests {
    /// National Day 2026-10-01..07 off, Sunday 09-27 and Saturday 10-10 worked instead; 2026-12-05
    /// is a Saturday.
    let calendar = WorkingCalendar(
        rules: CalendarRules(
            holidays: (1...7).map { LocalDate(year: 2026, month: 10, day: $0) },
            workdays: [LocalDate(year: 2026, month: 9, day: 27), LocalDate(year: 2026, month: 10, day: 10)]
        ),
        timeZone: Fixtures.shanghai
    )

    /// start, duration, expected end (all +08:00), and why.
    static let cases: [(String, String, String, String)] = [
        ("2026-09-21T00:00:00", "P5D", "2026-09-26T00:00:00", "Monday 00:00: five working days end Friday 24:00"),
        ("2026-09-21T09:30:00", "P5D", "2026-09-27T09:30:00", "Monday 09:30: the rest of the fifth day runs on the make-up Sunday"),
        ("2026-09-18T10:00:00", "P5D", "2026-09-25T10:00:00", "Friday 10:00: the next Friday 10:00"),
        ("2026-12-05T10:00:00", "P5D", "2026-12-12T00:00:00", "Saturday: the clock starts Monday 00:00, ends Friday 24:00"),
        ("2026-12-05T10:00:00", "P1D", "2026-12-08T00:00:00", "Saturday, one day: Monday 24:00"),
        ("2026-12-06T23:59:00", "PT2H", "2026-12-07T02:00:00", "Sunday night, two hours: Monday 02:00"),
        ("2026-09-18T20:00:00", "PT8H", "2026-09-21T04:00:00", "Friday 20:00, eight working hours: four on Friday, four on Monday"),
        ("2026-09-30T00:00:00", "P1D", "2026-10-01T00:00:00", "eve of the holiday week from 00:00: that Wednesday 24:00, not after the holiday"),
        ("2026-09-30T16:00:00", "P1D", "2026-10-08T16:00:00", "eve of the holiday week 16:00: the rest runs on Thursday 10-08"),
        ("2026-09-30T16:00:00", "P5D", "2026-10-13T16:00:00", "eve 16:00: Thu 08, Fri 09, make-up Sat 10, Mon 12, Tue 13"),
        ("2026-10-03T09:00:00", "P5D", "2026-10-14T00:00:00", "inside the holiday: starts Thu 10-08, ends Tue 10-13 24:00"),
        ("2026-10-10T00:00:00", "P1D", "2026-10-11T00:00:00", "make-up Saturday from 00:00: that Saturday 24:00"),
        ("2026-10-10T09:00:00", "P1D", "2026-10-12T09:00:00", "make-up Saturday 09:00: Sunday is off, ends Monday 09:00"),
        ("2026-09-25T22:00:00", "P1D", "2026-09-27T22:00:00", "Friday 22:00 before a make-up Sunday: ends on that Sunday"),
        ("2026-09-26T12:00:00", "P1D", "2026-09-28T00:00:00", "Saturday before a make-up Sunday: the clock starts Sunday"),
    ]

    @Test(arguments: Self.cases)
    func endsWhenTheLastWorkingDayRunsOut(_ row: (String, String, String, String)) throws {
        let (start, duration, end, why) = row
        let due = self.calendar.deadline(
            from: Fixtures.instant(start + "+08:00"), adding: try #require(ISODuration(duration)), workingDays: true
        )
        #expect(due == Fixtures.instant(end + "+08:00"), "\(why)")
    }
}
