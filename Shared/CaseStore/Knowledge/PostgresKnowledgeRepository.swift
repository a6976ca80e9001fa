import Foundation
import HotlineDomain
import Postgres

/// ``KnowledgeRepository`` on PostgreSQL: ``KnowledgeStore`` and ``KnowledgeSearch``, each
/// call in its own transaction.
public struct PostgresKnowledgeRepository: KnowledgeRepository {
    let pool: PostgresPool
    let store: KnowledgeStore
    let search: KnowledgeSearch

    /// A repository over `pool`, judging validity by the local day in `timeZone`.
    public init(pool: PostgresPool, timeZone: TimeZone, search: KnowledgeSearch = KnowledgeSearch()) {
        self.pool = pool
        self.store = KnowledgeStore(timeZone: timeZone)
        self.search = search
    }

    public var timeZone: TimeZone { self.store.timeZone }

    public func save(_ draft: KnowledgeDraft, id: String?, by actor: String, snapshot: JurisdictionSnapshot) async throws -> KnowledgeArticle {
        let store = self.store
        return try await self.pool.transaction { try store.save(draft, id: id, by: actor, snapshot: snapshot, on: $0).article }
    }

    public func find(_ id: String) async throws -> KnowledgeArticle? {
        let store = self.store
        return try await self.pool.transaction { try store.find(id, on: $0) }
    }

    public func list(department: String?, limit: Int) async throws -> [KnowledgeArticle] {
        let store = self.store
        return try await self.pool.transaction { try store.list(department: department, limit: limit, on: $0) }
    }

    public func delete(_ id: String, by actor: String) async throws -> Bool {
        let store = self.store
        return try await self.pool.transaction { try store.delete(id, by: actor, on: $0) }
    }

    public func owner(_ id: String) async throws -> String?? {
        let store = self.store
        return try await self.pool.transaction { try store.owner(id, on: $0) }
    }

    public func search(_ query: KnowledgeQuery, limit: Int) async throws -> [KnowledgeSearch.Result] {
        let (search, today) = (self.search, self.store.today())
        return try await self.pool.withConnection { try search.search(query, today: today, limit: limit, on: $0) }
    }

    public func unanswered(since: Date, questionCategories: [String]) async throws -> [UnansweredQuestion] {
        try await self.pool.transaction { connection in
            try connection.query(
                """
                SELECT t.id::text AS id, t.number, t.description, t.category, t.created_at, (u.outcome = 'dissatisfied') IS TRUE AS rejected
                FROM tickets t LEFT JOIN knowledge_uses u ON u.ticket_id = t.id
                WHERE t.created_at >= $1 AND t.answered_article IS NULL AND t.status <> 'cancelled'
                    AND (t.category = ANY($2::text[]) OR t.category IS NULL OR u.outcome = 'dissatisfied')
                ORDER BY t.created_at DESC LIMIT 200
                """,
                [since, questionCategories]
            ).map {
                UnansweredQuestion(
                    ticket: try $0.decode("id", as: String.self), number: try $0.decode("number", as: String.self),
                    question: try $0.decode("description", as: String.self), category: try $0.decode("category", as: String?.self),
                    askedAt: try $0.decode("created_at", as: Date.self), answerRejected: try $0.decode("rejected", as: Bool.self)
                )
            }
        }
    }
}

extension PostgresKnowledgeRepository {
    /// Imports articles known by their file names (`slug`) in one transaction: a new slug
    /// creates an article, a changed one a new version, an unchanged one nothing. Two imports
    /// at once take turns. Answers how many were created or changed.
    public func importArticles(_ items: [(slug: String, draft: KnowledgeDraft)], by actor: String, snapshot: JurisdictionSnapshot) async throws -> Int {
        let store = self.store
        return try await self.pool.transaction { connection in
            // Two imports at once take turns: the second sees the first's articles by their file names.
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('intake import-knowledge'))")
            return try items.map { item in
                try store.save(item.draft, slug: item.slug, by: actor, snapshot: snapshot, on: connection).written
            }.filter { $0 }.count
        }
    }
}
