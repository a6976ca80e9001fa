/// How fast a ticket must be answered (一般 / 较急 / 紧急).
///
/// Ordered `general < urgent < emergency`, so a rule can ask for "at least urgent" with `max`.
public enum Urgency: String, Codable, Sendable, CaseIterable, Comparable {
    /// 一般: within a few working days.
    case general
    /// 较急: within about 24 hours.
    case urgent
    /// 紧急: within hours.
    case emergency

    /// Position in the ordering; the raw values are not ordered alphabetically.
    private var rank: Int {
        switch self {
        case .general: 0
        case .urgent: 1
        case .emergency: 2
        }
    }

    /// 一般, 较急 or 紧急, as texts and sentences name it.
    public var chineseName: String {
        switch self {
        case .general: "一般"
        case .urgent: "较急"
        case .emergency: "紧急"
        }
    }

    /// Orders by how pressing the urgency is.
    public static func < (lhs: Urgency, rhs: Urgency) -> Bool {
        lhs.rank < rhs.rank
    }
}
