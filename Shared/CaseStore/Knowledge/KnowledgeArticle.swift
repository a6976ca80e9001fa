import Foundation
import HotlineDomain

/// An article as the API shows it: the draft's fields with its id, version and history.
public struct KnowledgeArticle: Encodable, Sendable {
    /// One version in the article's history: who changed it, how, when.
    public struct Version: Encodable, Sendable {
        public var version: Int
        public var action: String
        public var by: String
        public var at: Date
    }

    public var id: String
    public var slug: String?
    public var title: String
    public var body: String
    public var answer: String?
    public var categories: [String]
    public var keywords: [String]
    public var department: String?
    public var validFrom: String?
    public var validTo: String?
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
    /// Whether it may be offered today.
    public var validToday: Bool
    /// Calls it answered directly.
    public var answeredCalls: Int
    public var history: [Version]

    /// The text of the caller's SMS: the article's short answer, or the opening of its body.
    public var shortAnswer: String {
        if let answer, !answer.isEmpty { return answer }
        let flat = self.body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(80)) : flat
    }
}
