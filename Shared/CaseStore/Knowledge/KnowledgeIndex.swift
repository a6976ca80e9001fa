import HotlineDomain

/// What the index stores of an article: each field's bigrams (space separated, for the ranker)
/// and the weighted `tsvector` literal (title A, keywords B, categories and synonyms C, body
/// D), written as a literal so PostgreSQL stores exactly the domain tokenizer's bigrams.
struct KnowledgeIndex {
    var title: String
    var keywords: String
    var extra: String
    var body: String
    var tsvector: String

    /// The index of `draft` with the catalog's category names and synonyms.
    init(_ draft: KnowledgeDraft, snapshot: JurisdictionSnapshot?) {
        let categoryNames = draft.categories.compactMap { snapshot?.category($0)?.name }.joined(separator: " ")
        let document = KnowledgeDocument(
            title: draft.title, body: draft.body + "\n" + (draft.answer ?? ""), keywords: draft.keywords, extraText: categoryNames,
            synonyms: SynonymTable(snapshot?.jurisdiction.catalog.synonyms ?? [])
        )
        self.title = document.title.sorted().joined(separator: " ")
        self.keywords = document.keywords.sorted().joined(separator: " ")
        self.extra = document.extra.sorted().joined(separator: " ")
        let bodyTokens = BigramTokenizer.tokens(draft.body + "\n" + (draft.answer ?? ""))
        self.body = Set(bodyTokens).sorted().joined(separator: " ")
        self.tsvector = Self.literal([
            ("A", BigramTokenizer.tokens(draft.title)), ("B", BigramTokenizer.tokens(draft.keywords.joined(separator: " "))),
            ("C", self.extra.split(separator: " ").map(String.init)), ("D", bodyTokens),
        ])
    }

    /// Changes when what is indexed changes: part of an article's content hash, so the next
    /// import re-indexes articles whose files did not change.
    static let version = "2"

    /// A `tsvector` literal of the tokens of each weight, positions counted across fields
    /// (positions up to 16383). Each token keeps only its first position, the one of its best
    /// field: the ranker reads fields, not counts, and a small vector is read faster.
    static func literal(_ fields: [(weight: String, tokens: [String])]) -> String {
        var positions: [String: [String]] = [:]
        var order: [String] = []
        var position = 0
        for (weight, tokens) in fields {
            for token in tokens {
                position = min(position + 1, 16383)
                var list = positions[token] ?? []
                if list.isEmpty { order.append(token) }
                if list.isEmpty { list.append("\(position)\(weight)") }
                positions[token] = list
            }
        }
        // Tokens are Han characters, letters and digits only: nothing to escape.
        return order.map { "'\($0)':\(positions[$0]!.joined(separator: ","))" }.joined(separator: " ")
    }
}
