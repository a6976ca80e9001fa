import Testing

@testable import Notifier

/// The direct answer's SMS: the article's title and short answer, never over two segments.
@Suite struct AnswerTextTests {
    @Test func aLongAnswerIsCutToTwoSegments() throws {
        let templates = try SMSTemplates()
        let long = String(repeating: "城乡居民医保个人缴费标准为每人每年400元。", count: 10)
        let values = AnswerText.values(title: "2026年度城乡居民基本医疗保险个人缴费标准", answer: long, number: "12345-20261128-000001", templates: templates)
        let text = templates.render("answer", values.merging(["number": "12345-20261128-000001"]) { a, _ in a })
        #expect(text.count <= AnswerText.limit)
        #expect(SMSText.segments(text) <= 2)
        #expect(text.contains("2026年度城乡居民基本医疗保险个人缴费标准"))
        #expect(values["answer"]?.hasSuffix("…") == true)
    }

    @Test func aShortAnswerIsKeptWhole() throws {
        let templates = try SMSTemplates()
        let values = AnswerText.values(title: "社会保障卡挂失与补办", answer: "拨打12333挂失，到银行网点补办。", number: "12345-20261128-000001", templates: templates)
        #expect(values["answer"] == "拨打12333挂失，到银行网点补办。")
    }
}
