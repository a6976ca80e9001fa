/// How many tickets each tab of the console's work queue holds, under the list's filters.
public struct QueueCounts: Codable, Sendable, Equatable {
    /// Tickets per status.
    public var status: [String: Int]
    /// Past a deadline (as the list's `overdue` filter).
    public var overdue: Int
    /// Open 三重 tickets.
    public var major: Int
    /// Awaiting follow-up: flagged, or resolved and not rated.
    public var followUp: Int
    /// Every ticket counted.
    public var total: Int

    /// Counts (all 0 unless given).
    public init(status: [String: Int] = [:], overdue: Int = 0, major: Int = 0, followUp: Int = 0, total: Int = 0) {
        (self.status, self.overdue, self.major, self.followUp, self.total) = (status, overdue, major, followUp, total)
    }

    /// One condition of the counts, each one narrowing them (several are all true).
    public enum Condition: Sendable, Equatable {
        /// The ticket's street.
        case street(String)
        /// The ticket's grid.
        case grid(String)
        /// One of the ticket's departments.
        case department(String)
    }
}
