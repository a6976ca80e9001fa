import Foundation
import Testing

@testable import HotlineDomain

@Suite("Bigram tokenizer")
struct BigramTokenizerTests {
    @Test("Han runs give overlapping bigrams, in order")
    func bigrams() {
        #expect(BigramTokenizer.tokens("医保缴费") == ["医保", "保缴", "缴费"])
        #expect(BigramTokenizer.tokens("城乡居民基本医疗保险") == ["城乡", "乡居", "居民", "民基", "基本", "本医", "医疗", "疗保", "保险"])
    }

    @Test("punctuation and spaces split runs; a lone Han character stays a unigram")
    func runs() {
        #expect(BigramTokenizer.tokens("停水，狗！") == ["停水", "狗"])
        #expect(BigramTokenizer.tokens("供暖 收费") == ["供暖", "收费"])
    }

    @Test("Latin and digits are whole lowercased words; full-width folded")
    func latin() {
        #expect(BigramTokenizer.tokens("拨打12345热线") == ["拨打", "12345", "热线"])
        #expect(BigramTokenizer.tokens("下载ＡＰＰ办理") == ["下载", "app", "办理"])
    }

    @Test("filler and particles are dropped, the subject stays")
    func filler() {
        #expect(BigramTokenizer.tokens("请问一下今年医保交多少钱") == ["下今", "今年", "年医", "医保", "保交", "交多", "多少", "少钱"])
        #expect(BigramTokenizer.tokens("我的社保卡怎么办") == ["社保", "保卡", "卡怎"])
        #expect(BigramTokenizer.tokens("的了吗").isEmpty)
        #expect(BigramTokenizer.tokens("").isEmpty)
    }
}

@Suite("Knowledge ranking")
struct KnowledgeRankingTests {
    let synonyms = SynonymTable([["医保", "医疗保险"], ["公积金", "住房公积金"]])

    func document(_ title: String, _ body: String, keywords: [String] = [], usage: String = "") -> KnowledgeDocument {
        KnowledgeDocument(
            title: title, body: body, keywords: keywords, extraText: "", synonyms: self.synonyms, usage: BigramTokenizer.tokenSet(usage)
        )
    }

    @Test("synonyms expand both ways and are weighted below the caller's words")
    func synonymExpansion() {
        #expect(self.synonyms.expansions(of: "今年医保交多少") == ["医疗保险"])
        #expect(self.synonyms.expansions(of: "住房公积金提取").isEmpty)
        #expect(self.synonyms.expansions(of: "医疗保险缴费") == ["医保"])
        let query = KnowledgeQuery("医保", synonyms: self.synonyms)
        #expect(query.weights["医保"] == 1)
        #expect(query.weights["医疗"] == 0.8)
    }

    @Test("a title match outranks the same words in a body")
    func titleFirst() {
        let ranker = KnowledgeRanker()
        let query = KnowledgeQuery("社保卡补办")
        let inTitle = self.document("社保卡补办", "请到银行网点办理。")
        let inBody = self.document("办事指南", "社保卡补办请到银行网点办理。")
        #expect(ranker.score(query, inTitle) > ranker.score(query, inBody))
        #expect(ranker.rank(query, [(id: "body", document: inBody), (id: "title", document: inTitle)]).map(\.id) == ["title", "body"])
    }

    @Test("a caller's words find the article's words through a synonym")
    func synonymsHelp() {
        let ranker = KnowledgeRanker()
        let article = self.document("城乡居民基本医疗保险个人缴费标准", "每人每年400元。")
        let other = self.document("供暖收费标准", "每平方米5.2元。")
        let withSynonyms = KnowledgeQuery("今年医保交多少钱", synonyms: self.synonyms)
        let without = KnowledgeQuery("今年医保交多少钱")
        #expect(ranker.score(withSynonyms, article) > ranker.score(without, article))
        #expect(ranker.rank(withSynonyms, [(id: "heat", document: other), (id: "med", document: article)]).first?.id == "med")
    }

    @Test("rare bigrams weigh more than common ones")
    func rarity() {
        let ranker = KnowledgeRanker(documentFrequency: ["办理": 40, "低保": 1], documentCount: 50)
        #expect(ranker.idf("低保") > ranker.idf("办理"))
        let query = KnowledgeQuery("低保办理")
        let rare = self.document("低保申请", "向街道申请。")
        let common = self.document("居住证办理", "到派出所办理。")
        #expect(ranker.score(query, rare) > ranker.score(query, common))
    }

    @Test("an article that answered similar calls ranks higher (learning from use)")
    func learning() {
        let ranker = KnowledgeRanker()
        let query = KnowledgeQuery("楼上漏水到我家")
        let plain = self.document("房屋渗漏维修", "楼上漏水请先与楼上协商。")
        let learnt = self.document("房屋渗漏维修", "楼上漏水请先与楼上协商。", usage: "楼上漏水到我家了怎么办")
        #expect(ranker.score(query, learnt) > ranker.score(query, plain))
    }

    @Test("nothing in common scores 0 and is left out")
    func noMatch() {
        let ranker = KnowledgeRanker()
        let query = KnowledgeQuery("路灯不亮")
        #expect(ranker.rank(query, [(id: "x", document: self.document("育儿补贴", "每孩每年3600元。"))]).isEmpty)
    }

    @Test("the snippet shows the body around the first match")
    func snippet() {
        let body = String(repeating: "无关内容。", count: 30) + "缴费标准为每人每年400元。" + String(repeating: "其他。", count: 30)
        let snippet = KnowledgeRanker.snippet(body, KnowledgeQuery("缴费标准"), length: 30)
        #expect(snippet.contains("缴费标准"))
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
    }
}

@Suite("Knowledge articles")
struct KnowledgeArticleTests {
    let categories: Set<String> = ["medical_insurance"], departments: Set<String> = ["YB"]

    @Test("a Markdown file with front matter reads into a draft")
    func reads() throws {
        let text = """
            ---
            title: 城乡居民医保缴费标准
            categories: [medical_insurance]
            keywords:
              - 医保缴费
              - "居民医保"
            department: YB
            validFrom: 2026-01-01
            validTo: 2026-12-31
            answer: 每人每年400元。
            ---
            正文第一段。
            """
        let (draft, issues) = KnowledgeFileReader.read(file: "a.md", text: text, categories: self.categories, departments: self.departments)
        #expect(issues.isEmpty)
        #expect(draft?.title == "城乡居民医保缴费标准")
        #expect(draft?.keywords == ["医保缴费", "居民医保"])
        #expect(draft?.validTo == LocalDate(year: 2026, month: 12, day: 31))
        #expect(draft?.body == "正文第一段。")
        #expect(draft?.isValid(on: LocalDate(year: 2027, month: 1, day: 1)) == false)
        #expect(draft?.isValid(on: LocalDate(year: 2026, month: 6, day: 1)) == true)
    }

    @Test("every problem names the file and the field")
    func errors() {
        let text = """
            ---
            title:
            categories: [medical_insurance, unknown_one]
            department: XX
            validFrom: 2026-13-01
            colour: red
            ---
            """
        let (draft, issues) = KnowledgeFileReader.read(file: "bad.md", text: text, categories: self.categories, departments: self.departments)
        #expect(draft == nil)
        let described = Set(issues.map(\.description))
        #expect(described.contains("bad.md: title: required") || described.contains("bad.md: title: must not be empty"))
        #expect(described.contains("bad.md: body: must not be empty"))
        #expect(described.contains("bad.md: categories[1]: unknown category 'unknown_one'"))
        #expect(described.contains("bad.md: department: unknown department 'XX'"))
        #expect(described.contains("bad.md: validFrom: must be a date YYYY-MM-DD"))
        #expect(described.contains("bad.md: colour: unknown field"))
        let missing = KnowledgeFileReader.read(file: "none.md", text: "no front matter", categories: [], departments: [])
        #expect(missing.issues.map(\.description) == ["none.md: front matter: the file must start with a '---' line"])
    }

    @Test("validTo before validFrom is refused")
    func window() {
        let (_, issues) = KnowledgeDraft.validate(
            ["title": .string("t"), "body": .string("b"), "validFrom": .string("2026-05-01"), "validTo": .string("2026-04-01")],
            categories: [], departments: []
        )
        #expect(issues.map(\.field) == ["validTo"])
    }

    @Test("a NUL in a text or a keyword is refused by name (schemathesis found the keyword's 500)")
    func nul() {
        let (_, issues) = KnowledgeDraft.validate(
            ["title": .string("t\u{0}"), "body": .string("b"), "keywords": .array([.string("好"), .string("a\u{0}b")])],
            categories: [], departments: []
        )
        #expect(issues.map(\.field) == ["title", "keywords[1]"])
    }

    @Test("catalog synonyms are validated where the catalog is read")
    func catalogSynonyms() throws {
        let grids = try Data(contentsOf: Fixtures.folder("valid").appendingPathComponent("grids.geojson"))
        let catalogURL = Fixtures.folder("valid").appendingPathComponent("catalog.json")
        guard case .object(var catalog) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: catalogURL)) else {
            Issue.record("fixture catalog is not an object")
            return
        }
        catalog["synonyms"] = .array([.array([.string("医保"), .string("医疗保险")])])
        let good = try Jurisdiction.decode(gridsJSON: grids, catalogJSON: try JSONEncoder().encode(JSONValue.object(catalog)))
        #expect(good.catalog.synonyms == [["医保", "医疗保险"]])
        catalog["synonyms"] = .array([.array([.string("医保")]), .string("x")])
        do {
            _ = try Jurisdiction.decode(gridsJSON: grids, catalogJSON: try JSONEncoder().encode(JSONValue.object(catalog)))
            Issue.record("a one-word synonym group was accepted")
        } catch let error as JurisdictionError {
            let text = "\(error)"
            #expect(text.contains("synonyms[0]"))
            #expect(text.contains("synonyms[1]"))
        }
    }

    @Test("an answered ticket closes when satisfied and becomes a normal ticket when not")
    func lifecycle() throws {
        #expect(try TicketLifecycle.next(from: .answered, on: .rate(.satisfied)) == .closed)
        #expect(try TicketLifecycle.next(from: .answered, on: .rate(.basicallySatisfied)) == .closed)
        #expect(try TicketLifecycle.next(from: .answered, on: .rate(.dissatisfied)) == .received)
        #expect(!TicketLifecycle.allows(.assign, from: .answered))
        #expect(!TicketLifecycle.allows(.markDuplicate, from: .answered))
        #expect(!TicketStatus.answered.isOpen)
    }
}
