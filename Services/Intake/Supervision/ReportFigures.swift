import CaseStore
import Foundation
import HotlineDomain
import Postgres

/// The figures of a daily or monthly report (日报, 月报), read in a handful of aggregate
/// queries over the tickets created in `[from, to)`; the HTML and CSV renderings print the same
/// figures.
struct ReportFigures: Sendable {
    /// `daily` or `monthly`.
    var kind: String
    /// The day (`2026-11-28`) or month (`2026-11`) as asked.
    var period: String
    var from: Date
    var to: Date
    /// Totals: received, dispatched, respondedOnTime, resolved, resolvedOnTime, rated, satisfied.
    var totals: RankingFigures
    /// Received and resolved per hour (daily) or per day (monthly), with the bucket's label.
    var volume: [(label: String, received: Int, resolved: Int)]
    /// The ranking of the streets over the period.
    var streets: [RankingTable.Row]
    /// The ranking of the departments over the period.
    var departments: [RankingTable.Row]
    /// The most frequent categories (code, name, count).
    var categories: [(code: String, name: String, count: Int)]
    /// The grids with most tickets (code, name, count).
    var grids: [(code: String, name: String, count: Int)]
    /// Tickets past resolve-by per level (community, street, district).
    var overdue: [(level: String, count: Int)]
    /// Dissatisfied ratings per reason category.
    var reasons: [(category: RatingReasonCategory, count: Int)]
    /// The sealed daily roots of the history in the period.
    var roots: [(day: String, events: Int, root: String)]

    /// Reads the figures; `zone` is the business time zone of the buckets.
    static func read(
        kind: String, period: String, from: Date, to: Date, zone: TimeZone, snapshot: JurisdictionSnapshot?,
        on connection: PostgresConnection
    ) throws -> (figures: ReportFigures, counts: (current: [String: [RankingFigures]], previous: [String: [RankingFigures]])) {
        let previousFrom = from.addingTimeInterval(-to.timeIntervalSince(from))
        var current: [String: [RankingFigures]] = [:]
        var previous: [String: [RankingFigures]] = [:]
        for groupBy in ["street", "department"] {
            current[groupBy] = try RankingsController.figures(groupBy: groupBy, from: from, to: to, on: connection).map { f in
                var f = f
                f.name = RankingsController.name(of: f.code, groupBy, snapshot)
                return f
            }
            previous[groupBy] = try RankingsController.figures(groupBy: groupBy, from: previousFrom, to: from, on: connection)
        }
        let total = try connection.query(
            """
            SELECT count(*) AS received, count(assigned_at) AS dispatched,
                count(*) FILTER (WHERE responded_at <= respond_by + COALESCE(now() - paused_at, interval '0')) AS responded_on_time,
                count(resolved_at) + count(*) FILTER (WHERE resolved_at IS NULL AND status = 'closed' AND rating IS NOT NULL) AS resolved,
                count(*) FILTER (WHERE resolved_at <= resolve_by + COALESCE(now() - paused_at, interval '0')) AS resolved_on_time,
                count(rating) AS rated, count(*) FILTER (WHERE rating IN (1, 2)) AS satisfied
            FROM tickets WHERE created_at >= $1 AND created_at < $2
            """,
            [from, to]
        )[0]
        var totals = RankingFigures(code: "total", name: "合计")
        totals.received = try total.decode("received", as: Int.self)
        totals.dispatched = try total.decode("dispatched", as: Int.self)
        totals.respondedOnTime = try total.decode("responded_on_time", as: Int.self)
        totals.resolved = try total.decode("resolved", as: Int.self)
        totals.resolvedOnTime = try total.decode("resolved_on_time", as: Int.self)
        totals.rated = try total.decode("rated", as: Int.self)
        totals.satisfied = try total.decode("satisfied", as: Int.self)

        let unit = kind == "daily" ? "hour" : "day"
        let buckets = try connection.query(
            """
            SELECT extract(\(unit) FROM created_at AT TIME ZONE $3)::int AS bucket, count(*) AS received, count(resolved_at) AS resolved
            FROM tickets WHERE created_at >= $1 AND created_at < $2 GROUP BY 1
            """,
            [from, to, zone.identifier]
        )
        var byBucket: [Int: (Int, Int)] = [:]
        for row in buckets {
            byBucket[try row.decode("bucket", as: Int.self)] = (try row.decode("received", as: Int.self), try row.decode("resolved", as: Int.self))
        }
        let range = kind == "daily" ? Array(0..<24) : Array(1...max(1, Int((to.timeIntervalSince(from) / 86_400).rounded())))
        let volume = range.map { bucket in
            (label: kind == "daily" ? "\(bucket)时" : "\(bucket)日", received: byBucket[bucket]?.0 ?? 0, resolved: byBucket[bucket]?.1 ?? 0)
        }

        func top(_ column: String) throws -> [(String, Int)] {
            try connection.query(
                """
                SELECT \(column) AS key, count(*) AS n FROM tickets
                WHERE created_at >= $1 AND created_at < $2 AND \(column) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10
                """,
                [from, to]
            ).map { (try $0.decode("key", as: String.self), try $0.decode("n", as: Int.self)) }
        }
        let categories = try top("category").map { code, n in
            (code: code, name: snapshot?.jurisdiction.catalog.category(code: code)?.name ?? code, count: n)
        }
        let grids = try top("grid").map { code, n in (code: code, name: snapshot?.grids.grid(code: code)?.name ?? code, count: n) }
        let overdueRows = try connection.query(
            """
            SELECT level, count(*) AS n FROM tickets
            WHERE created_at >= $1 AND created_at < $2 AND overdue_resolve_at IS NOT NULL GROUP BY 1
            """,
            [from, to]
        )
        var overdueBy: [String: Int] = [:]
        for row in overdueRows { overdueBy[try row.decode("level", as: String.self)] = try row.decode("n", as: Int.self) }
        let overdue = ["community", "street", "district"].map { (level: $0, count: overdueBy[$0] ?? 0) }
        let reasonRows = try connection.query(
            """
            SELECT COALESCE(rating_category, 'other') AS category, count(*) AS n FROM tickets
            WHERE created_at >= $1 AND created_at < $2 AND rating = 3 GROUP BY 1
            """,
            [from, to]
        )
        var reasonBy: [RatingReasonCategory: Int] = [:]
        for row in reasonRows {
            reasonBy[RatingReasonCategory(rawValue: try row.decode("category", as: String.self)) ?? .other, default: 0] += try row.decode("n", as: Int.self)
        }
        let reasons = RatingReasonCategory.allCases.map { (category: $0, count: reasonBy[$0] ?? 0) }
        let roots = try connection.query(
            """
            SELECT day::text AS day, events, root FROM history_roots
            WHERE day >= ($1::timestamptz AT TIME ZONE $3)::date AND day < ($2::timestamptz AT TIME ZONE $3)::date ORDER BY day
            """,
            [from, to, zone.identifier]
        ).map { (day: try $0.decode("day", as: String.self), events: try $0.decode("events", as: Int.self), root: try $0.decode("root", as: String.self)) }
        let figures = ReportFigures(
            kind: kind, period: period, from: from, to: to, totals: totals, volume: volume, streets: [], departments: [],
            categories: categories, grids: grids, overdue: overdue, reasons: reasons, roots: roots
        )
        return (figures, (current, previous))
    }
}
