import Foundation
import Testing
@testable import HotlineDomain

@Suite struct DeadlineTextTests {
    let text = DeadlineText(timeZone: Fixtures.shanghai)

    @Test func midnightIsTwentyFourOfTheDayBefore() {
        #expect(self.text.format(Fixtures.instant("2026-12-05T00:00:00+08:00")) == "12月4日（周五）24时")
        #expect(self.text.format(Fixtures.instant("2026-09-26T00:00:00+08:00")) == "9月25日（周五）24时")
        #expect(self.text.format(Fixtures.instant("2027-01-01T00:00:00+08:00")) == "12月31日（周四）24时")
    }

    @Test func hoursAndMinutesOnlyWhenTheyMatter() {
        #expect(self.text.format(Fixtures.instant("2026-09-25T10:00:00+08:00")) == "9月25日（周五）10时")
        #expect(self.text.format(Fixtures.instant("2026-09-25T10:05:00+08:00")) == "9月25日（周五）10时05分")
        #expect(self.text.format(Fixtures.instant("2026-09-27T00:30:00+08:00")) == "9月27日（周日）0时30分")
        #expect(self.text.clock(Fixtures.instant("2026-09-25T08:00:00+08:00")) == "8时")
        #expect(self.text.clock(Fixtures.instant("2026-09-25T10:30:59+08:00")) == "10时30分")
    }

    @Test func theZoneDecidesTheDay() {
        // 16:00 UTC is Shanghai's midnight: the end of the Friday there.
        let instant = Fixtures.instant("2026-12-04T16:00:00Z")
        #expect(self.text.format(instant) == "12月4日（周五）24时")
        #expect(DeadlineText(timeZone: TimeZone(identifier: "UTC")!).format(instant) == "12月4日（周五）16时")
    }

    @Test func weekdays() {
        #expect((1...7).map(DeadlineText.weekdayName) == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"])
    }

    @Test func durationsInWords() {
        #expect(ISODuration(days: 5).chineseText(workingDays: true) == "5个工作日")
        #expect(ISODuration(days: 1).chineseText(workingDays: false) == "1天")
        #expect(ISODuration(hours: 24).chineseText(workingDays: false) == "24小时")
        #expect(ISODuration(hours: 2, minutes: 30).chineseText(workingDays: false) == "2小时30分钟")
        #expect(ISODuration.zero.chineseText(workingDays: false) == "0分钟")
    }
}
