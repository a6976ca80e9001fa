import Foundation
import HotlineDomain
import Synchronization

/// ``KnowledgeRepository`` in memory, for router tests: articles and their versions in a
/// dictionary; no search index (search finds nothing) and no calls (nothing unanswered).
public final class InMemoryKnowledgeRepository: KnowledgeRepository {
    private let articles = Mutex<[String: KnowledgeArticle]>([:])
    public let timeZone: TimeZone

    /// An empty knowledge base judging validity in `timeZone`.
    public init(timeZone: TimeZone = WorkingCalendar.chinaTimeZone) {
        self.timeZone = timeZone
    }

    public func save(_ draft: KnowledgeDraft, id: String?, by actor: String, snapshot: JurisdictionSnapshot) async throws -> KnowledgeArticle {
        let today = KnowledgeStore(timeZone: self.timeZone).today()
        return try self.articles.withLock { articles in
            let now = Date()
            var article: KnowledgeArticle
            if let id {
                guard let existing = articles[id.lowercased()] else { throw KnowledgeNotFound(id: id) }
                article = existing
                article.version += 1
                article.history.append(.init(version: article.version, action: "updated", by: actor, at: now))
            } else {
                let id = UUID().uuidString.lowercased()
                article = KnowledgeArticle(
                    id: id, slug: nil, title: "", body: "", answer: nil, categories: [], keywords: [], department: nil, validFrom: nil,
                    validTo: nil, version: 1, createdAt: now, createdBy: actor, updatedAt: now, updatedBy: actor, validToday: true,
                    answeredCalls: 0, history: [.init(version: 1, action: "created", by: actor, at: now)]
                )
            }
            (article.title, article.body, article.answer) = (draft.title, draft.body, draft.answer)
            (article.categories, article.keywords, article.department) = (draft.categories, draft.keywords, draft.department)
            (article.validFrom, article.validTo) = (draft.validFrom?.text, draft.validTo?.text)
            (article.updatedAt, article.updatedBy) = (now, actor)
            article.validToday = (draft.validFrom.map { $0 <= today } ?? true) && (draft.validTo.map { today <= $0 } ?? true)
            articles[article.id] = article
            return article
        }
    }

    public func find(_ id: String) async throws -> KnowledgeArticle? {
        self.articles.withLock { $0[id.lowercased()] }
    }

    public func list(department: String?, limit: Int) async throws -> [KnowledgeArticle] {
        let all = self.articles.withLock { Array($0.values) }.sorted { $0.createdAt < $1.createdAt }
        return Array(all.filter { department == nil || $0.department == department }.prefix(limit))
    }

    public func delete(_ id: String, by actor: String) async throws -> Bool {
        self.articles.withLock { $0.removeValue(forKey: id.lowercased()) != nil }
    }

    public func owner(_ id: String) async throws -> String?? {
        self.articles.withLock { articles in articles[id.lowercased()].map { $0.department } }
    }

    public func search(_ query: KnowledgeQuery, limit: Int) async throws -> [KnowledgeSearch.Result] { [] }

    public func unanswered(since: Date, questionCategories: [String]) async throws -> [UnansweredQuestion] { [] }
}
