import Foundation

/// Orders candidate articles for a caller's question. PostgreSQL finds the candidates through
/// the GIN index of the bigrams; this decides their order, in pure code that unit tests pin.
///
/// For each distinct query token `t` (weight `w` = 1, or 0.8 for a synonym) with rarity
/// `idf(t) = ln(1 + N / (1 + df(t)))` over the `N` valid articles:
/// - the best field holding it counts: title 3, keywords 2.5, categories/synonyms 2, body 1;
/// - the sum of `w · idf · field` is divided by what a document holding every token in its
///   title would score, so the score reads as weighted coverage of the question (0...1);
/// - each whole article keyword the question contains adds 0.1 (at most 0.3);
/// - learning from use: the coverage of the question by the words of calls the article
///   answered before adds up to 0.3 of that coverage.
public struct KnowledgeRanker: Sendable {
    /// Field weights, best field first.
    public static let titleWeight = 3.0, keywordWeight = 2.5, extraWeight = 2.0, bodyWeight = 1.0
    /// How much the calls an article answered count (learning from use).
    public static let usageWeight = 0.3

    /// Document frequency of each query token among the valid articles.
    public let documentFrequency: [String: Int]
    /// How many valid articles there are.
    public let documentCount: Int

    /// A ranker with the corpus figures of the query's tokens.
    public init(documentFrequency: [String: Int] = [:], documentCount: Int = 0) {
        self.documentFrequency = documentFrequency
        self.documentCount = documentCount
    }

    /// The rarity of `token`: rare bigrams say more about what is asked.
    public func idf(_ token: String) -> Double {
        let n = Double(max(self.documentCount, 1))
        let df = Double(self.documentFrequency[token] ?? 0)
        return log(1 + n / (1 + df))
    }

    /// The score of `document` for `query`; 0 when nothing matches.
    public func score(_ query: KnowledgeQuery, _ document: KnowledgeDocument) -> Double {
        var gained = 0.0, possible = 0.0, used = 0.0
        for (token, weight) in query.weights {
            let value = weight * self.idf(token)
            possible += value * Self.titleWeight
            let field: Double =
                document.title.contains(token) ? Self.titleWeight
                : document.keywords.contains(token) ? Self.keywordWeight
                : document.extra.contains(token) ? Self.extraWeight
                : document.body.contains(token) ? Self.bodyWeight : 0
            gained += value * field
            if document.usage.contains(token) { used += value * Self.titleWeight }
        }
        guard possible > 0, gained > 0 || used > 0 else { return 0 }
        let keywordHits = document.keywordTexts.filter { $0.count >= 2 && query.text.contains($0.lowercased()) }.count
        let coverage = gained / possible
        return coverage + min(Double(keywordHits) * 0.1, 0.3) + Self.usageWeight * used / possible
    }

    /// `candidates` best first by score, those scoring 0 left out; ties keep their order.
    public func rank<ID>(_ query: KnowledgeQuery, _ candidates: [(id: ID, document: KnowledgeDocument)]) -> [(id: ID, score: Double)] {
        var scored: [(offset: Int, id: ID, score: Double)] = []
        for (offset, candidate) in candidates.enumerated() {
            let score = self.score(query, candidate.document)
            if score > 0 { scored.append((offset, candidate.id, score)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.offset < $1.offset }
        return scored.map { (id: $0.id, score: $0.score) }
    }

    /// About `length` characters of `body` from just before the first place a query token occurs (the
    /// start when none does), with "…" where text was cut.
    public static func snippet(_ body: String, _ query: KnowledgeQuery, length: Int = 60) -> String {
        let characters = Array(body.split(whereSeparator: \.isNewline).joined(separator: " "))
        guard characters.count > length else { return String(characters) }
        let lowered = String(characters).lowercased()
        // The earliest place any of the question's words occurs.
        var first: Int?
        for token in query.weights.keys where token.count >= 2 {
            if let range = lowered.range(of: token) {
                let offset = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
                first = min(first ?? offset, offset)
            }
        }
        var start = max(0, (first ?? 0) - 10)
        start = min(start, characters.count - length)
        let piece = String(characters[start..<(start + length)])
        return (start > 0 ? "…" : "") + piece + (start + length < characters.count ? "…" : "")
    }
}
