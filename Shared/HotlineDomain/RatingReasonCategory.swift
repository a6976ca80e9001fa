/// Why a resident was dissatisfied, in the categories the analysis of bad ratings (分析差评原因)
/// counts: read from the reason's words, so that an SMS `3 路灯还是不亮` and a console entry land
/// in the same bucket. The first matching category in declaration order wins.
public enum RatingReasonCategory: String, Codable, Sendable, CaseIterable {
    /// The problem is still there (未解决).
    case unresolved
    /// Too slow, or the deadline was missed (时效).
    case slow
    /// Nobody came or called back (未联系).
    case noContact
    /// The handler's attitude (态度).
    case attitude
    /// Disagrees with the answer or the policy (政策/诉求未满足).
    case disagreement
    /// Anything else, or no reason given.
    case other

    /// The Chinese label for reports.
    public var chineseName: String {
        switch self {
        case .unresolved: "问题未解决"
        case .slow: "办理不及时"
        case .noContact: "未联系/未上门"
        case .attitude: "服务态度"
        case .disagreement: "诉求未满足"
        case .other: "其他"
        }
    }

    /// Words that put a reason in the category.
    var keywords: [String] {
        switch self {
        case .unresolved: ["没解决", "未解决", "还是", "依然", "仍然", "没修", "没有修", "没弄好", "又坏", "没处理", "未处理", "没效果", "不亮", "没变化"]
        case .slow: ["太慢", "慢", "拖", "超时", "逾期", "不及时", "等了", "很久", "几天"]
        case .noContact: ["没联系", "未联系", "没回电", "没人来", "没人管", "没上门", "没来", "联系不上", "没打电话"]
        case .attitude: ["态度", "敷衍", "推诿", "踢皮球", "不耐烦", "不理", "骂"]
        case .disagreement: ["不同意", "不合理", "不认可", "不满意答复", "政策", "没给说法"]
        case .other: []
        }
    }

    /// The category of a reason (``other`` when nothing matches or there is no reason).
    public static func classify(_ reason: String?) -> RatingReasonCategory {
        guard let reason, !reason.isEmpty else { return .other }
        return self.allCases.first { category in category.keywords.contains { reason.contains($0) } } ?? .other
    }
}
