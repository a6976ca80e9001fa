import Foundation
import HotlineDomain

/// The knowledge base: articles with their versions, search, and the questions no article
/// answered. ``PostgresKnowledgeRepository`` wraps ``KnowledgeStore`` and ``KnowledgeSearch``;
/// ``InMemoryKnowledgeRepository`` is its twin for router tests.
public protocol KnowledgeRepository: Sendable {
    /// Creates (`id` nil) or updates an article; ``KnowledgeNotFound`` for an unknown `id`.
    func save(_ draft: KnowledgeDraft, id: String?, by actor: String, snapshot: JurisdictionSnapshot) async throws -> KnowledgeArticle
    /// The article with this id.
    func find(_ id: String) async throws -> KnowledgeArticle?
    /// Articles, of `department` when given.
    func list(department: String?, limit: Int) async throws -> [KnowledgeArticle]
    /// Deletes an article; false when there is none with this id.
    func delete(_ id: String, by actor: String) async throws -> Bool
    /// The article's department (`.some(nil)`: the centre's); nil when there is no such article.
    func owner(_ id: String) async throws -> String??
    /// The articles that answer `query` best, valid today.
    func search(_ query: KnowledgeQuery, limit: Int) async throws -> [KnowledgeSearch.Result]
    /// Questions asked since `since` that no article answered (`questionCategories`: the
    /// catalog's question categories).
    func unanswered(since: Date, questionCategories: [String]) async throws -> [UnansweredQuestion]
    /// The zone whose local day decides validity.
    var timeZone: TimeZone { get }
}

/// A call no article answered: of a question category or none, not answered directly, or
/// answered with an article the caller was dissatisfied with.
public struct UnansweredQuestion: Encodable, Sendable {
    /// The ticket's id.
    public var ticket: String
    /// Its number.
    public var number: String
    /// What the caller asked.
    public var question: String
    /// The ticket's category.
    public var category: String?
    /// When.
    public var askedAt: Date
    /// Answered from an article the caller was dissatisfied with.
    public var answerRejected: Bool
}
