import Foundation
import HotlineDomain

/// An article as the API shows it: the draft's fields with its id, version and history.
struct KnowledgeArticle: Encodable, Sendable {
    /// One version in the article's history: who changed it, how, when.
    struct Version: Encodable, Sendable {
        var version: Int
        var action: String
        var by: String
        var at: Date
    }

    var id: String
    var slug: String?
    var title: String
    var body: String
    var answer: String?
    var categories: [String]
    var keywords: [String]
    var department: String?
    var validFrom: String?
    var validTo: String?
    var version: Int
    var createdAt: Date
    var createdBy: String
    var updatedAt: Date
    var updatedBy: String
    /// Whether it may be offered today.
    var validToday: Bool
    /// Calls it answered directly.
    var answeredCalls: Int
    var history: [Version]

    /// The text of the caller's SMS: the article's short answer, or the opening of its body.
    var shortAnswer: String {
        if let answer, !answer.isEmpty { return answer }
        let flat = self.body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(80)) : flat
    }
}
