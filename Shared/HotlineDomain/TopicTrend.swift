/// How a month's count of one recurring problem (category x area) compares with the months
/// before it, for the monthly topics (每月一题): the operator promotes what keeps coming back.
public enum TopicTrend: String, Codable, Sendable, CaseIterable {
    /// Nothing in the months before: a new problem.
    case new
    /// At least a quarter (and two tickets) above the earlier months' mean.
    case rising
    /// Within a quarter of the earlier months' mean.
    case steady
    /// At least a quarter below the earlier months' mean.
    case falling

    /// The trend of `count` against `previous` (the earlier months' counts, any order).
    ///
    /// ```swift
    /// TopicTrend.of(count: 12, previous: [4, 6, 5])  // .rising (mean 5)
    /// TopicTrend.of(count: 5, previous: [0, 0, 0])   // .new
    /// ```
    public static func of(count: Int, previous: [Int]) -> TopicTrend {
        let earlier = previous.reduce(0, +)
        guard earlier > 0 else { return .new }
        let mean = Double(earlier) / Double(previous.count)
        let value = Double(count)
        if value >= mean * 1.25 && value - mean >= 2 { return .rising }
        if value <= mean * 0.75 { return .falling }
        return .steady
    }

    /// The Chinese label for pages and reports.
    public var chineseName: String {
        switch self {
        case .new: "新出现"
        case .rising: "上升"
        case .steady: "持平"
        case .falling: "下降"
        }
    }
}
