/// The catalog's `synonyms`: groups of words that mean the same to a caller and to an article
/// (`[["医保","医疗保险"], ["公积金","住房公积金"]]`). A text that holds one member of a group is
/// searched (and indexed) as if it also held the others, so "医保" finds "城乡居民基本医疗保险".
public struct SynonymTable: Sendable, Hashable {
    /// The groups, each with at least two distinct members.
    public let groups: [[String]]

    /// A table of `groups` (validated where the catalog is read).
    public init(_ groups: [[String]] = []) {
        self.groups = groups
    }

    /// The members of every group that `text` touches, that `text` does not already hold.
    public func expansions(of text: String) -> [String] {
        let key = text.lowercased()
        var out: [String] = []
        for group in self.groups where group.contains(where: { key.contains($0.lowercased()) }) {
            for member in group where !key.contains(member.lowercased()) { out.append(member) }
        }
        return out
    }
}
