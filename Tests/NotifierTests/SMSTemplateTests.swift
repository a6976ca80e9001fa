import Foundation
import HotlineDomain
import Testing
@testable import Notifier

/// Every SMS kind rendered with real values: nothing left unfilled, deadlines as people say
/// them, and the segments each text takes on a handset.
@Suite struct SMSTemplateTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// Friday 2026-12-04 24:00 (Saturday 00:00 in Shanghai): a general ticket's resolve-by.
    static let endOfFriday = Date(timeIntervalSince1970: 1_796_400_000)
    static let deadline = DeadlineText(timeZone: shanghai).format(endOfFriday)

    /// Realistic values for every variable any template names.
    static let values: [String: String] = [
        "number": "12345-20261128-000123", "deadline": deadline, "handler": "城市管理局",
        "grid": "水川路社区第2网格", "address": "水川花园3号楼2单元门口", "description": "小区门口路灯连续三晚不亮，老人夜里出行不便",
        "major": "重大灾害", "note": "已更换灯泡并检修线路", "what": "办结", "level": "街道综治中心",
        "text": "今晚有强降雨，请逐户提醒低洼地带住户注意防范。", "ack": "收到请回复“收到”。", "name": "曹福禄",
        "sent": "8时", "household": "H-0001", "reason": "独居 + 70岁以上",
        "title": "2026年度城乡居民基本医疗保险个人缴费标准", "answer": "每人每年400元，集中缴费期至2026年12月31日，可在“甘肃税务”公众号缴纳。",
        "count": "2", "numbers": "12345-20261128-000123、12345-20261128-000124", "category": "养老助餐",
    ]

    @Test func deadlineIsWrittenAsPeopleSayIt() {
        #expect(Self.deadline == "12月4日（周五）24时")
        let templates = try! SMSTemplates()
        #expect(templates.render("receipt", Self.values) == "【12345热线】您反映的问题已受理，工单号12345-20261128-000123，承诺于12月4日（周五）24时前办结。")
        #expect(templates.render("assigned", Self.values).contains("承诺12月4日（周五）24时前办结"))
        #expect(templates.render("checkin", ["name": "曹福禄", "deadline": "10时"]).contains("请在今天10时前回复"))
    }

    @Test(arguments: SMSTemplate.all.map(\.kind))
    func rendersCompletelyWithinTwoSegments(_ kind: String) throws {
        let templates = try SMSTemplates()
        let template = try #require(SMSTemplate.all.first { $0.kind == kind })
        for variable in template.variables {
            #expect(Self.values[variable] != nil, "no test value for {\(variable)} of \(kind)")
        }
        let text = templates.render(kind, Self.values)
        #expect(!text.contains("{") && !text.contains("}"), "\(kind): \(text)")
        #expect(!text.contains("00:00"), "\(kind) never writes midnight as 00:00")
        // Broadcast text is the operator's own; every other kind fits two segments with real values.
        #expect(SMSText.segments(text) <= 2, "\(kind) takes \(SMSText.segments(text)) segments: \(text)")
    }

    @Test func volunteerOfferNamesTheNumberAndHowToTakeIt() throws {
        let text = try SMSTemplates().render("volunteer_offer", Self.values)
        #expect(text.contains("12345-20261128-000123（养老助餐）"))
        #expect(text.contains("回复“接单 12345-20261128-000123”"))
        #expect(try SMSTemplates().render("volunteer_late", Self.values).contains("已由其他志愿者接单"))
    }

    @Test func segmentCounting() {
        #expect(SMSText.segments(String(repeating: "字", count: 70)) == 1)
        #expect(SMSText.segments(String(repeating: "字", count: 71)) == 2)
        #expect(SMSText.segments(String(repeating: "a", count: 160)) == 1)
    }
}
