import Foundation
import HotlineDomain

/// One of a month's recurring problems (每月一题 candidates): a category in one area with its
/// count this month, the counts of the months before (oldest first), the trend, and the newest
/// tickets behind it.
public struct TopicCandidate: Encodable, Sendable {
    /// The category code.
    public var category: String
    /// Filled by the API from the catalog.
    public var categoryName: String?
    /// Where.
    public var area: Topic.Area
    /// Tickets received in the month.
    public var count: Int
    /// The earlier months' counts, oldest first (`months` of ``TopicCandidateQuery``).
    public var previous: [Int]
    /// ``TopicTrend/of(count:previous:)``.
    public var trend: TopicTrend
    /// The newest tickets of the month in the cell (at most ``TopicCandidateQuery/sample``).
    public var tickets: [TopicTicket]
    /// The topic it was already promoted to, if any.
    public var topicId: String?
}

/// Which candidates to find: the month's bounds and those of the earlier months.
public struct TopicCandidateQuery: Sendable {
    /// `YYYY-MM`.
    public var month: String
    /// The start of each earlier month (oldest first), then the month's own start and end.
    public var bounds: [Date]
    /// `street`, `community` or `grid`.
    public var level: String
    /// Fewest tickets in the month to count as recurring.
    public var minimum: Int
    /// Most candidates returned.
    public var limit: Int
    /// Tickets listed per candidate.
    public var sample: Int

    /// A query; `bounds` holds at least the month's start and end.
    public init(month: String, bounds: [Date], level: String, minimum: Int, limit: Int, sample: Int = 20) {
        self.month = month
        self.bounds = bounds
        self.level = level
        self.minimum = minimum
        self.limit = limit
        self.sample = sample
    }
}
