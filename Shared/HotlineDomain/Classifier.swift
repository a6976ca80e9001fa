/// Picks the category of a ticket from its description when the caller gave none.
///
/// A category scores the number of characters of its keywords found in the text (ignoring
/// white space and Latin letter case); the highest score wins, ties go to the category listed
/// first in the catalog, and a text matching no keyword has no category.
///
/// Keywords are found by comparing UTF-8 bytes of the matching forms (the same as comparing
/// their Unicode scalars), not grapheme by grapheme: `String.contains` spent more CPU on this
/// than all the rest of taking a call (see docs/benchmark.md).
public struct Classifier: Sendable {
    /// One keyword: as written, its matching form in UTF-8, and the score it adds.
    private struct Keyword: Sendable {
        let text: String
        let key: [UInt8]
        let weight: Int
    }

    /// One category's keywords in matching form.
    private struct Entry: Sendable {
        /// The category.
        let category: Category
        /// The category's keywords.
        let keywords: [Keyword]
    }

    /// The categories in catalog order.
    private let entries: [Entry]

    /// Prepares the categories' keywords.
    public init(categories: [Category]) {
        self.entries = categories.map { category in
            Entry(
                category: category,
                keywords: category.keywords.map { keyword in
                    let key = keyword.matchingKey()
                    return Keyword(text: keyword, key: Array(key.utf8), weight: key.count)
                }.filter { !$0.key.isEmpty }
            )
        }
    }

    /// The best category for the text, or `nil` when no keyword matches.
    public func classify(_ text: String) -> Category? {
        self.classification(of: text)?.category
    }

    /// The best category for the text and the keywords that matched, in catalog order.
    public func classification(of text: String) -> (category: Category, keywords: [String])? {
        let key = Array(text.matchingKey().utf8)
        var best: (category: Category, keywords: [String], score: Int)?
        for entry in self.entries {
            var score = 0
            var matched: [String] = []
            for keyword in entry.keywords where Self.bytes(key, contain: keyword.key) {
                score += keyword.weight
                matched.append(keyword.text)
            }
            if score > 0, score > best?.score ?? 0 {
                best = (entry.category, matched, score)
            }
        }
        return best.map { ($0.category, $0.keywords) }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte; an empty needle always does.
    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var offset = 1
            while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}
