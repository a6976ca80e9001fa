/// Every grid alias keyed by its matching form (lowercased, without white space), for finding
/// the longest alias inside an address with a few hash look-ups instead of a scan of all aliases.
struct AliasTable: Sendable {
    /// One alias of one grid.
    struct Entry: Sendable {
        /// Position of the grid.
        let grid: Int
        /// The grid's code, for tie-breaking.
        let code: String
        /// The alias as written in the file.
        let alias: String
    }

    /// Entries per matching form, best first (smallest grid code, then alias).
    private let entries: [String: [Entry]]
    /// The distinct lengths of the matching forms in Unicode scalars, longest first.
    private let lengths: [Int]

    /// Collects the aliases of all grids.
    init(grids: [Grid]) {
        var entries: [String: [Entry]] = [:]
        for (position, grid) in grids.enumerated() {
            for alias in grid.aliases {
                let key = alias.matchingKey()
                guard !key.isEmpty else {
                    continue
                }
                entries[key, default: []].append(Entry(grid: position, code: grid.code, alias: alias))
            }
        }
        self.entries = entries.mapValues { $0.sorted(by: Self.isBetter) }
        self.lengths = Set(entries.keys.map(\.unicodeScalars.count)).sorted(by: >)
    }

    /// The longest alias found in the address; ties go to the smallest grid code, then alias.
    func longestMatch(in address: String) -> Entry? {
        let scalars = Array(address.matchingKey().unicodeScalars)
        for length in self.lengths where length <= scalars.count {
            var best: Entry?
            for start in 0...(scalars.count - length) {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[start..<(start + length)])
                if let entry = self.entries[String(view)]?.first,
                   best.map({ Self.isBetter(entry, $0) }) ?? true {
                    best = entry
                }
            }
            if let best {
                return best
            }
        }
        return nil
    }

    /// The tie-break order: smaller grid code first, then alias.
    private static func isBetter(_ lhs: Entry, _ rhs: Entry) -> Bool {
        (lhs.code, lhs.alias) < (rhs.code, rhs.alias)
    }
}
