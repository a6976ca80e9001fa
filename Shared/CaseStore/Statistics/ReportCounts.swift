import Foundation
import HotlineDomain

/// What a daily or monthly report is computed from: the period's tickets summed per grouping
/// set, the departments' own returns, the previous period's rankings and the sealed roots.
public struct ReportCounts: Sendable {
    /// One group of a grouping set: its key, its figures and how many of its tickets have a
    /// `resolved_at` (the volume chart's "resolved").
    public struct Cell: Sendable {
        /// The group's key.
        public var key: String
        /// Its counts.
        public var figures: RankingFigures
        /// Its tickets with a `resolved_at`.
        public var resolvedAt: Int

        /// A cell.
        public init(key: String, figures: RankingFigures, resolvedAt: Int) {
            (self.key, self.figures, self.resolvedAt) = (key, figures, resolvedAt)
        }
    }

    /// The cells of each grouping set: `street`, `department`, `total`, `bucket` (hour of the
    /// day or day of the month), `category`, `grid`, `overdue` (level), `reason`.
    public var groups: [String: [Cell]]
    /// Each department's returns (`returned_by`), whoever leads its tickets now.
    public var departmentReturns: [String: Int]
    /// The rankings' figures of the period of the same length just before, by `street` and `department`.
    public var previous: [String: [RankingFigures]]
    /// The sealed roots of the period's local days.
    public var roots: [SealedRoot]

    /// Counts (empty unless given).
    public init(
        groups: [String: [Cell]] = [:], departmentReturns: [String: Int] = [:], previous: [String: [RankingFigures]] = [:], roots: [SealedRoot] = []
    ) {
        (self.groups, self.departmentReturns, self.previous, self.roots) = (groups, departmentReturns, previous, roots)
    }
}
