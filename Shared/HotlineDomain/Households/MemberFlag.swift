/// Why a household member may need care (`flags` of a member in the households file).
public enum MemberFlag: String, Codable, Sendable, CaseIterable, Comparable {
    /// Lives alone (独居).
    case alone
    /// Has a disability (残疾).
    case disability
    /// Receives minimum living allowance (低保).
    case lowIncome = "low_income"
    /// Out of work (失业).
    case unemployed
    /// Chronic illness (慢性病).
    case chronic

    /// The flag as residents and grid workers say it.
    public var label: String {
        switch self {
        case .alone: "独居"
        case .disability: "残疾"
        case .lowIncome: "低保"
        case .unemployed: "失业"
        case .chronic: "慢性病"
        }
    }

    public static func < (lhs: MemberFlag, rhs: MemberFlag) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
