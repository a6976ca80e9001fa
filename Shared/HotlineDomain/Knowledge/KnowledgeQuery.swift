/// A caller's words made ready for search: their bigrams, the bigrams of the synonyms they
/// touch (weighted a little lower: the caller did not say them), and the lowercased text for
/// matching whole keywords.
public struct KnowledgeQuery: Sendable, Hashable {
    /// The text as asked, lowercased.
    public let text: String
    /// Each distinct token with its weight: 1 for the caller's own words, 0.8 for synonyms.
    public let weights: [String: Double]

    /// The query of `text` with the catalog's `synonyms`.
    public init(_ text: String, synonyms: SynonymTable = SynonymTable()) {
        self.text = text.lowercased()
        var weights: [String: Double] = [:]
        for expansion in synonyms.expansions(of: text) {
            for token in BigramTokenizer.tokens(expansion) { weights[token] = 0.8 }
        }
        for token in BigramTokenizer.tokens(text) { weights[token] = 1 }
        self.weights = weights
    }

    /// The distinct tokens, sorted (stable SQL parameters).
    public var tokens: [String] { self.weights.keys.sorted() }

    /// Whether nothing searchable was asked.
    public var isEmpty: Bool { self.weights.isEmpty }
}
