/// How much care a household needs, from the catalog's colour rules: red first, then yellow;
/// green is everyone else.
public enum HouseholdColour: String, Codable, Sendable, CaseIterable, Comparable {
    case green
    case yellow
    case red

    /// The colour as the grid's ledger names it.
    public var label: String {
        switch self {
        case .red: "红"
        case .yellow: "黄"
        case .green: "绿"
        }
    }

    private var rank: Int {
        switch self {
        case .green: 0
        case .yellow: 1
        case .red: 2
        }
    }

    /// Green < yellow < red: `max` is the colour needing more care.
    public static func < (lhs: HouseholdColour, rhs: HouseholdColour) -> Bool {
        lhs.rank < rhs.rank
    }
}

/// A home or a shop (商户): shops are counted apart and never get daily check-ins.
public enum HouseholdKind: String, Codable, Sendable, CaseIterable {
    case residential
    case commercial
}
