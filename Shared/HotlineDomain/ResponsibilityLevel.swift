/// Who answers for a ticket now: the community, the street centre (综治中心) or the district centre.
///
/// Ordered `community < street < district`; escalation only ever raises it.
public enum ResponsibilityLevel: String, Codable, Sendable, CaseIterable, Comparable {
    /// The community (or village) and its grid.
    case community
    /// The street (or town) comprehensive governance centre.
    case street
    /// The district centre.
    case district

    /// Position in the ordering; the raw values are not ordered alphabetically.
    private var rank: Int {
        switch self {
        case .community: 0
        case .street: 1
        case .district: 2
        }
    }

    /// Orders by height in the administrative hierarchy.
    public static func < (lhs: ResponsibilityLevel, rhs: ResponsibilityLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    /// The next level up, or `nil` at the district, the top.
    public func raised() -> ResponsibilityLevel? {
        switch self {
        case .community: .street
        case .street: .district
        case .district: nil
        }
    }
}
