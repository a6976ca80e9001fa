import Foundation
import HotlineDomain
import Postgres
import Synchronization

/// Search over the knowledge base: PostgreSQL's GIN index of bigrams finds the candidates
/// (articles valid today sharing a bigram with the question, in their text or in the calls
/// they answered), `KnowledgeRanker` orders them.
///
/// The ranker's rarity figures (how many articles hold each bigram) come from `ts_stat` over
/// the index, cached here and recomputed when an article changes (a cheap count and latest
/// change time tell).
public final class KnowledgeSearch: Sendable {
    /// One result: the article, a piece of its body around the match, and the ranker's score.
    public struct Result: Encodable, Sendable {
        /// The article's id.
        public var id: String
        /// Its title.
        public var title: String
        /// A piece of its body around the match.
        public var snippet: String
        /// The ranker's score (higher is better).
        public var score: Double
        /// The owning department.
        public var department: String?
        /// Calls it answered directly.
        public var answeredCalls: Int
    }

    private struct Statistics {
        var key: String
        var checkedAt: Date
        var documentCount: Int
        var frequency: [String: Int]
    }

    private let statistics = Mutex<Statistics?>(nil)
    /// How many candidates the index hands the ranker.
    let candidates: Int

    /// A search handing the ranker `candidates` articles.
    public init(candidates: Int = 40) {
        self.candidates = candidates
    }

    /// The best `limit` articles valid on `today` for `query`, best first.
    func search(_ query: KnowledgeQuery, today: LocalDate, limit: Int, on connection: PostgresConnection) throws -> [Result] {
        guard !query.isEmpty else { return [] }
        let stats = try self.statistics(on: connection)
        let tsquery = Self.retrieval(query, stats).map { "'\($0)'" }.joined(separator: " | ")
        let rows = try connection.query(
            """
            SELECT id::text AS id, title, body, department, keywords, title_tokens, keyword_tokens, extra_tokens, body_tokens,
                usage_tokens, (SELECT count(*) FROM knowledge_uses u WHERE u.article_id = a.id) AS uses
            FROM knowledge_articles a
            WHERE deleted_at IS NULL AND (valid_from IS NULL OR valid_from <= $2::date) AND (valid_to IS NULL OR valid_to >= $2::date)
                AND (tsv @@ $1::tsquery OR usage_tsv @@ $1::tsquery)
            ORDER BY ts_rank('{0.2,0.5,0.7,1.0}', tsv, $1::tsquery) + 0.3 * ts_rank(usage_tsv, $1::tsquery) DESC, id
            LIMIT $3
            """,
            [tsquery, today.text, self.candidates]
        )
        func set(_ text: String) -> Set<String> { Set(text.split(separator: " ").map(String.init)) }
        var byId: [String: (title: String, body: String, department: String?, uses: Int)] = [:]
        let documents = try rows.map { row -> (id: String, document: KnowledgeDocument) in
            let id = try row.decode("id", as: String.self)
            byId[id] = (
                try row.decode("title", as: String.self), try row.decode("body", as: String.self),
                try row.decode("department", as: String?.self), try row.decode("uses", as: Int.self)
            )
            return (
                id,
                KnowledgeDocument(
                    title: set(try row.decode("title_tokens", as: String.self)), keywords: set(try row.decode("keyword_tokens", as: String.self)),
                    extra: set(try row.decode("extra_tokens", as: String.self)), body: set(try row.decode("body_tokens", as: String.self)),
                    keywordTexts: try row.decode("keywords", as: [String].self), usage: set(try row.decode("usage_tokens", as: String.self))
                )
            )
        }
        let ranker = KnowledgeRanker(documentFrequency: stats.frequency, documentCount: stats.documentCount)
        return ranker.rank(query, documents).prefix(limit).compactMap { hit in
            guard let article = byId[hit.id] else { return nil }
            return Result(
                id: hit.id, title: article.title, snippet: KnowledgeRanker.snippet(article.body, query),
                score: (hit.score * 1000).rounded() / 1000, department: article.department, answeredCalls: article.uses
            )
        }
    }

    /// The bigrams that find candidates: those held by at most a fifth of the articles (at
    /// least 20), topped up with the rarest others to three, plus bigrams no article holds
    /// (they may match the calls an article answered). A bigram in half the articles ("办理")
    /// alone finds nothing worth ranking and makes the index return most of the table; the
    /// ranker still weighs every bigram of the question.
    private static func retrieval(_ query: KnowledgeQuery, _ stats: Statistics) -> [String] {
        let ceiling = max(Double(stats.documentCount) * 0.2, 20)
        func df(_ token: String) -> Int { stats.frequency[token] ?? 0 }
        let known = query.tokens.filter { df($0) > 0 }.sorted { (df($0), $0) < (df($1), $1) }
        var chosen = known.filter { Double(df($0)) <= ceiling }
        for token in known where chosen.count < 3 && !chosen.contains(token) { chosen.append(token) }
        return chosen + query.tokens.filter { df($0) == 0 }
    }

    /// Document frequencies of the index's bigrams, recomputed when the articles changed (seen
    /// at most every 2 seconds: another instance's change reaches the rarity figures that late).
    private func statistics(on connection: PostgresConnection) throws -> Statistics {
        if let cached = self.statistics.withLock({ $0 }), Date().timeIntervalSince(cached.checkedAt) < 2 { return cached }
        let row = try connection.query(
            "SELECT count(*) AS n, COALESCE(max(updated_at)::text, '') || '/' || COALESCE(max(deleted_at)::text, '') AS changed FROM knowledge_articles"
        )[0]
        let key = "\(try row.decode("n", as: Int.self))/\(try row.decode("changed", as: String.self))"
        if var cached = self.statistics.withLock({ $0 }), cached.key == key {
            cached.checkedAt = Date()
            self.statistics.withLock { [cached] in $0 = cached }
            return cached
        }
        let count = try connection.query("SELECT count(*) AS n FROM knowledge_articles WHERE deleted_at IS NULL")[0].decode("n", as: Int.self)
        var frequency: [String: Int] = [:]
        for stat in try connection.query("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM knowledge_articles WHERE deleted_at IS NULL')") {
            frequency[try stat.decode("word", as: String.self)] = try stat.decode("ndoc", as: Int.self)
        }
        let fresh = Statistics(key: key, checkedAt: Date(), documentCount: count, frequency: frequency)
        self.statistics.withLock { $0 = fresh }
        return fresh
    }

    /// Records that article `articleId` answered the call `ticketId` asking `question`, and
    /// refreshes what the article learnt from its last 200 answered calls.
    static func recordUse(
        ticketId: String, articleId: String, question: String, by actor: String, on connection: PostgresConnection
    ) throws {
        try connection.query(
            "INSERT INTO knowledge_uses (ticket_id, article_id, question, tokens, answered_by) VALUES ($1::uuid, $2::uuid, $3, $4, $5)",
            [ticketId, articleId, question, BigramTokenizer.tokens(question).joined(separator: " "), actor]
        )
        try self.refreshUsage(articleId, on: connection)
    }

    /// Rebuilds the article's usage tokens from its last 200 calls that were not answered in vain.
    static func refreshUsage(_ articleId: String, on connection: PostgresConnection) throws {
        let rows = try connection.query(
            """
            SELECT tokens FROM knowledge_uses WHERE article_id = $1::uuid AND outcome <> 'dissatisfied'
            ORDER BY answered_at DESC LIMIT 200
            """,
            [articleId]
        )
        let tokens = Set(try rows.flatMap { try $0.decode("tokens", as: String.self).split(separator: " ").map(String.init) })
        let sorted = tokens.sorted()
        try connection.query(
            "UPDATE knowledge_articles SET usage_tokens = $2, usage_tsv = $3::tsvector WHERE id = $1::uuid",
            [articleId, sorted.joined(separator: " "), KnowledgeIndex.literal([("D", sorted)])]
        )
    }
}
