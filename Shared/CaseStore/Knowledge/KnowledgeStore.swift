import Foundation
import HotlineCrypto
import HotlineDomain
import Postgres

/// The knowledge base's table access: articles with their versions, the bigram index, search
/// candidates, and the record of which article answered which call. Every function takes the
/// connection of the caller's transaction.
struct KnowledgeStore: Sendable {
    /// Zone whose local day decides validity.
    let timeZone: TimeZone

    private static let columns = """
        id::text AS id, slug, title, body, answer, categories, keywords, department, valid_from::text AS valid_from,
        valid_to::text AS valid_to, version, created_at, created_by, updated_at, updated_by
        """

    /// Today in the jurisdiction's zone.
    func today(_ now: Date = Date()) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// Creates (no `id`, or an unknown `slug`) or updates an article; an update that changes
    /// nothing writes no version. Returns the article and whether anything was written.
    func save(
        _ draft: KnowledgeDraft, id: String? = nil, slug: String? = nil, by actor: String, snapshot: JurisdictionSnapshot,
        on connection: PostgresConnection
    ) throws -> (article: KnowledgeArticle, written: Bool) {
        let content = try JSONEncoder.sorted.encode(draft)
        let hash = SHA256Digest.hex("index \(KnowledgeIndex.version)\n" + String(decoding: content, as: UTF8.self))
        var existing: (id: String, hash: String)?
        if let id {
            existing = try connection.query(
                "SELECT id::text AS id, content_hash FROM knowledge_articles WHERE id = $1::uuid AND deleted_at IS NULL FOR UPDATE", [id]
            ).first.map { (try $0.decode("id", as: String.self), try $0.decode("content_hash", as: String.self)) }
            guard existing != nil else { throw KnowledgeNotFound(id: id) }
        } else if let slug {
            existing = try connection.query(
                "SELECT id::text AS id, content_hash FROM knowledge_articles WHERE slug = $1 FOR UPDATE", [slug]
            ).first.map { (try $0.decode("id", as: String.self), try $0.decode("content_hash", as: String.self)) }
        }
        if let existing, existing.hash == hash {
            // A re-import of a deleted file's article brings it back; an unchanged one is left alone.
            let revived = try connection.query(
                "UPDATE knowledge_articles SET deleted_at = NULL, deleted_by = NULL WHERE id = $1::uuid AND deleted_at IS NOT NULL RETURNING id",
                [existing.id]
            )
            if revived.isEmpty { return (try self.find(existing.id, on: connection)!, false) }
        }
        let index = KnowledgeIndex(draft, snapshot: snapshot)
        let params: [(any PostgresEncodable)?] = [
            existing?.id ?? UUID().uuidString.lowercased(), slug, draft.title, draft.body, draft.answer, draft.categories,
            draft.keywords, draft.department, draft.validFrom?.text, draft.validTo?.text, hash, index.title, index.keywords,
            index.extra, index.body, index.tsvector, actor,
        ]
        let id: String
        if let existing {
            id = existing.id
            try connection.query(
                """
                UPDATE knowledge_articles SET title = $3, body = $4, answer = $5, categories = $6, keywords = $7, department = $8,
                    valid_from = $9::date, valid_to = $10::date, content_hash = $11, title_tokens = $12, keyword_tokens = $13,
                    extra_tokens = $14, body_tokens = $15, tsv = $16::tsvector, updated_by = $17, updated_at = now(),
                    version = version + 1, deleted_at = NULL, deleted_by = NULL, slug = COALESCE($2, slug)
                WHERE id = $1::uuid
                """,
                params
            )
        } else {
            id = params[0] as! String
            try connection.query(
                """
                INSERT INTO knowledge_articles (id, slug, title, body, answer, categories, keywords, department, valid_from, valid_to,
                    content_hash, title_tokens, keyword_tokens, extra_tokens, body_tokens, tsv, created_by, updated_by)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::date, $10::date, $11, $12, $13, $14, $15, $16::tsvector, $17, $17)
                """,
                params
            )
        }
        try connection.query(
            """
            INSERT INTO knowledge_versions (article_id, version, action, changed_by, content)
            SELECT id, version, $2, $3, $4::jsonb FROM knowledge_articles WHERE id = $1::uuid
            """,
            [id, existing == nil ? "created" : "updated", actor, String(decoding: content, as: UTF8.self)]
        )
        return (try self.find(id, on: connection)!, true)
    }

    /// The article `id` (not deleted), with its history.
    func find(_ id: String, on connection: PostgresConnection) throws -> KnowledgeArticle? {
        guard UUID(uuidString: id) != nil,
            let row = try connection.query(
                "SELECT \(Self.columns), (SELECT count(*) FROM knowledge_uses u WHERE u.article_id = a.id) AS uses FROM knowledge_articles a WHERE id = $1::uuid AND deleted_at IS NULL",
                [id]
            ).first
        else { return nil }
        var article = try self.article(row, uses: try row.decode("uses", as: Int.self))
        article.history = try connection.query(
            "SELECT version, action, changed_by, changed_at FROM knowledge_versions WHERE article_id = $1::uuid ORDER BY version", [id]
        ).map {
            KnowledgeArticle.Version(
                version: try $0.decode("version", as: Int.self), action: try $0.decode("action", as: String.self),
                by: try $0.decode("changed_by", as: String.self), at: try $0.decode("changed_at", as: Date.self)
            )
        }
        return article
    }

    /// Articles newest first, of one department when given (for the console's pages).
    func list(department: String?, limit: Int, on connection: PostgresConnection) throws -> [KnowledgeArticle] {
        try connection.query(
            """
            SELECT \(Self.columns), (SELECT count(*) FROM knowledge_uses u WHERE u.article_id = a.id) AS uses
            FROM knowledge_articles a WHERE deleted_at IS NULL AND ($1::text IS NULL OR department = $1)
            ORDER BY updated_at DESC, id LIMIT $2
            """,
            [department, limit]
        ).map { try self.article($0, uses: try $0.decode("uses", as: Int.self)) }
    }

    /// Marks the article deleted (its versions stay); false when there is none.
    func delete(_ id: String, by actor: String, on connection: PostgresConnection) throws -> Bool {
        let rows = try connection.query(
            """
            UPDATE knowledge_articles SET deleted_at = now(), deleted_by = $2, version = version + 1
            WHERE id = $1::uuid AND deleted_at IS NULL RETURNING version
            """,
            [id, actor]
        )
        guard let version = try rows.first?.decode("version", as: Int.self) else { return false }
        try connection.query(
            "INSERT INTO knowledge_versions (article_id, version, action, changed_by, content) VALUES ($1::uuid, $2, 'deleted', $3, '{}')",
            [id, version, actor]
        )
        return true
    }

    /// The owning department of article `id` (nil when it has none), or nil when it does not exist.
    func owner(_ id: String, on connection: PostgresConnection) throws -> String?? {
        guard UUID(uuidString: id) != nil,
            let row = try connection.query("SELECT department FROM knowledge_articles WHERE id = $1::uuid AND deleted_at IS NULL", [id]).first
        else { return nil }
        return .some(try row.decode("department", as: String?.self))
    }

    private func article(_ row: PostgresRow, uses: Int) throws -> KnowledgeArticle {
        let from = try row.decode("valid_from", as: String?.self), to = try row.decode("valid_to", as: String?.self)
        let today = self.today().text
        return KnowledgeArticle(
            id: try row.decode("id", as: String.self), slug: try row.decode("slug", as: String?.self),
            title: try row.decode("title", as: String.self), body: try row.decode("body", as: String.self),
            answer: try row.decode("answer", as: String?.self), categories: try row.decode("categories", as: [String].self),
            keywords: try row.decode("keywords", as: [String].self), department: try row.decode("department", as: String?.self),
            validFrom: from, validTo: to, version: try row.decode("version", as: Int.self),
            createdAt: try row.decode("created_at", as: Date.self), createdBy: try row.decode("created_by", as: String.self),
            updatedAt: try row.decode("updated_at", as: Date.self), updatedBy: try row.decode("updated_by", as: String.self),
            validToday: (from.map { $0 <= today } ?? true) && (to.map { today <= $0 } ?? true), answeredCalls: uses, history: []
        )
    }
}

/// No article with this id.
public struct KnowledgeNotFound: Error {
    /// The id asked for.
    public var id: String
}

extension JSONEncoder {
    /// An encoder with sorted keys: the same content always hashes the same.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
