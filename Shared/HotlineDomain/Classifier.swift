/// Picks the category of a ticket from its description when the caller gave none.
///
/// A category scores the number of characters of its keywords found in the text (ignoring
/// white space and Latin letter case); the highest score wins, ties go to the category listed
/// first in the catalog, and a text matching no keyword has no category.
public struct Classifier: Sendable {
    /// One category's keywords in matching form.
    private struct Entry: Sendable {
        /// The category.
        let category: Category
        /// Pairs of keyword as written and its matching form.
        let keywords: [(text: String, key: String)]
    }

    /// The categories in catalog order.
    private let entries: [Entry]

    /// Prepares the categories' keywords.
    public init(categories: [Category]) {
        self.entries = categories.map { category in
            Entry(
                category: category,
                keywords: category.keywords.map { ($0, $0.matchingKey()) }.filter { !$0.1.isEmpty }
            )
        }
    }

    /// The best category for the text, or `nil` when no keyword matches.
    public func classify(_ text: String) -> Category? {
        self.classification(of: text)?.category
    }

    /// The best category for the text and the keywords that matched, in catalog order.
    public func classification(of text: String) -> (category: Category, keywords: [String])? {
        let key = text.matchingKey()
        var best: (category: Category, keywords: [String], score: Int)?
        for entry in self.entries {
            var score = 0
            var matched: [String] = []
            for keyword in entry.keywords where key.contains(keyword.key) {
                score += keyword.key.count
                matched.append(keyword.text)
            }
            if score > 0, score > best?.score ?? 0 {
                best = (entry.category, matched, score)
            }
        }
        return best.map { ($0.category, $0.keywords) }
    }
}
