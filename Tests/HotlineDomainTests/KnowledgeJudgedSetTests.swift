import Foundation
import Testing

@testable import HotlineDomain

/// The judged set (`Tests/Fixtures/knowledge/questions.json`: callers' questions, each with
/// the demo article that answers it) against the demo district's articles, ranked in memory
/// by the same tokenizer and ranker the service uses. The system test `KnowledgeTests` asks
/// the same questions of the running service.
@Suite("Knowledge judged set (in memory)")
struct KnowledgeJudgedSetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Judged: Decodable {
        var q: String
        var article: String
    }

    @Test("recall@1 and recall@3 stay above the measured floor")
    func recall() throws {
        let demo = Self.repository.appendingPathComponent("deploy/demo")
        let jurisdiction = try Jurisdiction.load(folder: demo)
        let catalog = jurisdiction.catalog
        let synonyms = SynonymTable(catalog.synonyms ?? [])
        let folder = demo.appendingPathComponent("knowledge")
        let today = LocalDate(year: 2026, month: 11, day: 28)
        var documents: [(id: String, document: KnowledgeDocument)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".md") }).sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let read = KnowledgeFileReader.read(
                file: file, text: text, categories: Set(catalog.categories.map(\.code)), departments: Set(catalog.departments.map(\.code))
            )
            #expect(read.issues.isEmpty, "\(read.issues)")
            guard let draft = read.draft, draft.isValid(on: today) else { continue }
            let names = draft.categories.compactMap { catalog.category(code: $0)?.name }.joined(separator: " ")
            documents.append((
                String(file.dropLast(3)),
                KnowledgeDocument(
                    title: draft.title, body: draft.body + "\n" + (draft.answer ?? ""), keywords: draft.keywords, extraText: names,
                    synonyms: synonyms
                )
            ))
        }
        var frequency: [String: Int] = [:]
        for (_, document) in documents {
            for token in document.title.union(document.keywords).union(document.extra).union(document.body) { frequency[token, default: 0] += 1 }
        }
        let ranker = KnowledgeRanker(documentFrequency: frequency, documentCount: documents.count)
        let judged = try JSONDecoder().decode(
            [Judged].self, from: Data(contentsOf: Self.repository.appendingPathComponent("Tests/Fixtures/knowledge/questions.json"))
        )
        #expect(judged.count >= 60)
        var top1 = 0, top3 = 0
        var misses: [String] = []
        for item in judged {
            let ranked = ranker.rank(KnowledgeQuery(item.q, synonyms: synonyms), documents).map(\.id)
            if ranked.first == item.article { top1 += 1 }
            if ranked.prefix(3).contains(item.article) { top3 += 1 } else { misses.append("\(item.q) -> \(ranked.prefix(3))") }
        }
        let recall1 = Double(top1) / Double(judged.count), recall3 = Double(top3) / Double(judged.count)
        print("knowledge judged set (in memory): \(judged.count) questions, recall@1 \(recall1), recall@3 \(recall3)")
        for miss in misses { print("  miss: \(miss)") }
        #expect(recall1 >= Self.floor1, "recall@1 \(recall1)")
        #expect(recall3 >= Self.floor3, "recall@3 \(recall3)")
    }

    /// Floors set a little under what was measured (see docs/knowledge.md).
    static let floor1 = 0.85, floor3 = 0.93
}
