import Foundation
import HotlineDomain
import Synchronization

/// ``StatisticsReader`` in memory, for router tests. The aggregates are hundreds of lines of
/// SQL (grouping sets, paused clocks, the households' figures), so this twin does not recompute
/// them: a test sets the figures it answers and reads back the periods and groupings asked
/// (`asked`), which is what the routes decide; `CaseStoreTests` check the SQL.
public final class InMemoryStatistics: StatisticsReader {
    /// One read: which one, the grouping (or `hourly`/`daily`) and the period.
    public struct Read: Sendable, Equatable {
        public var kind: String
        public var grouping: String
        public var from: Date
        public var to: Date
    }

    private struct State {
        var counts: [TicketGrouping: [TicketCounts]] = [:]
        var rankings: [TicketGrouping: (current: [RankingFigures], previous: [RankingFigures])] = [:]
        var report = ReportCounts()
        var households: [String: HouseholdFigures] = [:]
        var asked: [Read] = []
    }

    private let state = Mutex(State())

    /// No figures: every read answers empty groups.
    public init() {}

    /// Answers `counts` to ``ticketCounts(groupBy:from:to:)`` by `grouping`.
    public func set(_ counts: [TicketCounts], by grouping: TicketGrouping) {
        self.state.withLock { $0.counts[grouping] = counts }
    }

    /// Answers these figures to ``rankingFigures(groupBy:from:to:previousFrom:)`` by `grouping`.
    public func set(current: [RankingFigures], previous: [RankingFigures], by grouping: TicketGrouping) {
        self.state.withLock { $0.rankings[grouping] = (current, previous) }
    }

    /// Answers `report` to ``reportCounts(hourly:from:to:zone:)``.
    public func set(report: ReportCounts) {
        self.state.withLock { $0.report = report }
    }

    /// Answers `figures` to ``householdFigures(from:to:coverageDays:year:)``.
    public func set(households figures: [String: HouseholdFigures]) {
        self.state.withLock { $0.households = figures }
    }

    /// The reads made so far, oldest first.
    public var asked: [Read] {
        self.state.withLock { $0.asked }
    }

    public func ticketCounts(groupBy: TicketGrouping, from: Date, to: Date) async throws -> [TicketCounts] {
        self.state.withLock { state in
            state.asked.append(Read(kind: "stats", grouping: groupBy.rawValue, from: from, to: to))
            return state.counts[groupBy] ?? []
        }
    }

    public func rankingFigures(groupBy: TicketGrouping, from: Date, to: Date, previousFrom: Date) async throws
        -> (current: [RankingFigures], previous: [RankingFigures])
    {
        self.state.withLock { state in
            state.asked.append(Read(kind: "rankings", grouping: groupBy.rawValue, from: from, to: to))
            return state.rankings[groupBy] ?? ([], [])
        }
    }

    public func reportCounts(hourly: Bool, from: Date, to: Date, zone: TimeZone) async throws -> ReportCounts {
        self.state.withLock { state in
            state.asked.append(Read(kind: "report", grouping: hourly ? "hourly" : "daily", from: from, to: to))
            return state.report
        }
    }

    public func householdFigures(from: Date, to: Date, coverageDays: Int, year: Int) async throws -> [String: HouseholdFigures] {
        self.state.withLock { state in
            state.asked.append(Read(kind: "households", grouping: "grid", from: from, to: to))
            return state.households
        }
    }
}
