/// What search knows of one article: its token sets per field (computed once, when the
/// article is written) and what its past answers taught (the words of calls it answered).
public struct KnowledgeDocument: Sendable, Hashable {
    /// The title's tokens (weight A in PostgreSQL).
    public var title: Set<String>
    /// The keywords' tokens (weight B).
    public var keywords: Set<String>
    /// Categories' names and synonym expansions (weight C).
    public var extra: Set<String>
    /// The body's and short answer's tokens (weight D).
    public var body: Set<String>
    /// The article's keywords as written, for whole-keyword matches.
    public var keywordTexts: [String]
    /// Tokens of the calls this article answered (learning from use).
    public var usage: Set<String>

    /// A document of the given token sets.
    public init(
        title: Set<String>, keywords: Set<String>, extra: Set<String>, body: Set<String>, keywordTexts: [String],
        usage: Set<String> = []
    ) {
        self.title = title
        self.keywords = keywords
        self.extra = extra
        self.body = body
        self.keywordTexts = keywordTexts
        self.usage = usage
    }

    /// The document of an article's texts: `extraText` holds its categories' names; synonyms
    /// of every field are folded into `extra`.
    public init(
        title: String, body: String, keywords: [String], extraText: String, synonyms: SynonymTable = SynonymTable(),
        usage: Set<String> = []
    ) {
        let all = ([title, body, extraText] + keywords).joined(separator: "\n")
        let expanded = synonyms.expansions(of: all).joined(separator: " ")
        self.init(
            title: BigramTokenizer.tokenSet(title), keywords: BigramTokenizer.tokenSet(keywords.joined(separator: " ")),
            extra: BigramTokenizer.tokenSet(extraText + " " + expanded), body: BigramTokenizer.tokenSet(body),
            keywordTexts: keywords, usage: usage
        )
    }
}
