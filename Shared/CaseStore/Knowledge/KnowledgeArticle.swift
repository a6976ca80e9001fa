import Foundation
import HotlineDomain

/// An article as the API shows it: the draft's fields with its id, version and history.
public struct KnowledgeArticle: Encodable, Sendable {
    /// One version in the article's history: who changed it, how, when.
    public struct Version: Encodable, Sendable {
        /// The version number.
        public var version: Int
        /// `created`, `updated` or `deleted`.
        public var action: String
        /// Who made it.
        public var by: String
        /// When.
        public var at: Date
    }

    /// The article's id (UUID).
    public var id: String
    /// The file name it was imported from, if it was.
    public var slug: String?
    /// Its title.
    public var title: String
    /// Its text (Markdown).
    public var body: String
    /// The short answer read to a caller and sent by SMS.
    public var answer: String?
    /// Catalog categories it answers.
    public var categories: [String]
    /// Words it is found by.
    public var keywords: [String]
    /// The owning department; nil for the centre's.
    public var department: String?
    /// First local day it is valid, `YYYY-MM-DD`.
    public var validFrom: String?
    /// Last local day it is valid.
    public var validTo: String?
    /// Its current version.
    public var version: Int
    /// When it was created.
    public var createdAt: Date
    /// Who created it.
    public var createdBy: String
    /// When it was changed last.
    public var updatedAt: Date
    /// Who changed it last.
    public var updatedBy: String
    /// Whether it may be offered today.
    public var validToday: Bool
    /// Calls it answered directly.
    public var answeredCalls: Int
    /// Its versions, oldest first.
    public var history: [Version]

    /// The text of the caller's SMS: the article's short answer, or the opening of its body.
    public var shortAnswer: String {
        if let answer, !answer.isEmpty { return answer }
        let flat = self.body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(80)) : flat
    }
}
