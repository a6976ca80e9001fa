import Foundation
import HotlineDomain

/// The aggregates of statistics, rankings and reports: read-only scans of `tickets` (and of
/// the households registry), on a replica when one is configured.
public protocol StatisticsReader: Sendable {
    /// Per group, the volumes of the tickets created in `[from, to)`, in key order (tickets
    /// without the group under the key `""`).
    func ticketCounts(groupBy: TicketGrouping, from: Date, to: Date) async throws -> [TicketCounts]
    /// Per group, the rankings' counts of the tickets created in `[from, to)` and in
    /// `[previousFrom, from)`; tickets without the group are left out.
    func rankingFigures(groupBy: TicketGrouping, from: Date, to: Date, previousFrom: Date) async throws
        -> (current: [RankingFigures], previous: [RankingFigures])
    /// The counts a daily (`hourly` buckets) or monthly (`daily` buckets) report prints, the
    /// buckets in the local time of `zone`.
    func reportCounts(hourly: Bool, from: Date, to: Date, zone: TimeZone) async throws -> ReportCounts
    /// The households registry's figures per grid: check-ins planned in `[from, to)`, visits in
    /// the `coverageDays` before now, ages counted in `year`.
    func householdFigures(from: Date, to: Date, coverageDays: Int, year: Int) async throws -> [String: HouseholdFigures]
}
