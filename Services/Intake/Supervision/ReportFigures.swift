import CaseStore
import Charts
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
    /// Every grid of the jurisdiction with its polygons and count, for the hot-grid map.
    var gridMap: [GridMap.Region]
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
        let unit = kind == "daily" ? "hour" : "day"
        // One scan of the period for every figure (grouping sets), rather than one per table.
        let stopped = "COALESCE(now() - paused_at, interval '0')"
        // Measured over 1,000,000 tickets in a month (docs/supervision.md): JIT compilation alone
        // cost 5.7 s, and 4 MB of work_mem turned the grouping into on-disk sorts; the period's
        // tickets are first summed per cell of every key (a few hundred thousand cells at most),
        // then the grouping sets run over those cells.
        try connection.execute("SET LOCAL jit = off")
        try connection.execute("SET LOCAL work_mem = '64MB'")
        try connection.execute("SET LOCAL statement_timeout = '60s'")
        let rows = try connection.query(
            """
            WITH t AS (
                SELECT street, lead_department, extract(\(unit) FROM created_at AT TIME ZONE $3)::int AS bucket, category, grid,
                    CASE WHEN overdue_resolve_at IS NOT NULL THEN level END AS overdue_level,
                    CASE WHEN rating = 3 THEN COALESCE(rating_category, 'other') END AS reason,
                    count(*) AS received, count(assigned_at) AS dispatched,
                    count(*) FILTER (WHERE responded_at <= respond_by + \(stopped)) AS responded_on_time,
                    count(*) FILTER (WHERE resolved_at IS NOT NULL OR (status = 'closed' AND rating IS NOT NULL)) AS resolved,
                    count(*) FILTER (WHERE resolved_at <= resolve_by + \(stopped)) AS resolved_on_time,
                    count(rating) AS rated, count(*) FILTER (WHERE COALESCE(verified_rating, rating) IN (1, 2)) AS satisfied,
                    count(verified_rating) FILTER (WHERE rating IS NOT NULL) AS verified,
                    count(*) FILTER (WHERE verified_rating <> rating) AS overturned,
                    COALESCE(sum(return_count), 0) AS returns, count(resolved_at) AS resolved_at
                FROM tickets WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3, 4, 5, 6, 7
            )
            SELECT GROUPING(street, lead_department, bucket, category, grid, overdue_level, reason) AS g,
                COALESCE(street, lead_department, bucket::text, category, grid, overdue_level, reason) AS key,
                sum(received)::int8 AS received, sum(dispatched)::int8 AS dispatched, sum(responded_on_time)::int8 AS responded_on_time,
                sum(resolved)::int8 AS resolved, sum(resolved_on_time)::int8 AS resolved_on_time, sum(rated)::int8 AS rated,
                sum(satisfied)::int8 AS satisfied, sum(verified)::int8 AS verified, sum(overturned)::int8 AS overturned,
                sum(returns)::int AS returns, sum(resolved_at)::int8 AS resolved_at
            FROM t GROUP BY GROUPING SETS ((street), (lead_department), (), (bucket), (category), (grid), (overdue_level), (reason))
            """,
            [from, to, zone.identifier]
        )
        // GROUPING(...) is a bit mask, most significant bit first, 1 where a column is not grouped.
        let sets = ["street": 63, "department": 95, "total": 127, "bucket": 111, "category": 119, "grid": 123, "overdue": 125, "reason": 126]
        var groups: [String: [(String, RankingFigures, Int)]] = [:]
        for row in rows {
            let mask = try row.decode("g", as: Int.self)
            guard let set = sets.first(where: { $0.value == mask })?.key else { continue }
            let key = try row.decode("key", as: String?.self)
            if set != "total" && key == nil { continue }
            // The grand total of a period without tickets is one row of NULL sums.
            func count(_ column: String) throws -> Int { try row.decode(column, as: Int?.self) ?? 0 }
            var f = RankingFigures(code: key ?? "total")
            f.received = try count("received")
            f.dispatched = try count("dispatched")
            f.respondedOnTime = try count("responded_on_time")
            f.resolved = try count("resolved")
            f.resolvedOnTime = try count("resolved_on_time")
            f.rated = try count("rated")
            f.satisfied = try count("satisfied")
            f.returns = try count("returns")
            f.verified = try count("verified")
            f.overturned = try count("overturned")
            groups[set, default: []].append((key ?? "total", f, try count("resolved_at")))
        }
        func figures(_ set: String) -> [RankingFigures] { (groups[set] ?? []).map(\.1).sorted { $0.code < $1.code } }
        var current: [String: [RankingFigures]] = [:]
        var previous: [String: [RankingFigures]] = [:]
        current["street"] = figures("street").map { f in
            var f = f
            f.name = RankingsController.name(of: f.code, "street", snapshot)
            return f
        }
        // A department's returns are its own (returned_by), whoever leads the ticket now.
        let returns = try connection.query(
            """
            SELECT r AS key, count(*)::int AS returns FROM tickets, unnest(returned_by) AS r
            WHERE created_at >= $1 AND created_at < $2 AND cardinality(returned_by) > 0 GROUP BY 1
            """,
            [from, to]
        )
        var returnsBy: [String: Int] = [:]
        for row in returns { returnsBy[try row.decode("key", as: String.self)] = try row.decode("returns", as: Int.self) }
        current["department"] = figures("department").map { f in
            var f = f
            f.name = RankingsController.name(of: f.code, "department", snapshot)
            f.returns = returnsBy[f.code] ?? 0
            return f
        }
        for groupBy in ["street", "department"] {
            previous[groupBy] = try RankingsController.figures(groupBy: groupBy, from: previousFrom, to: from, on: connection)
        }
        var totals = figures("total").first ?? RankingFigures(code: "total")
        totals.code = "total"
        totals.name = "合计"
        var byBucket: [Int: (Int, Int)] = [:]
        for (key, f, resolvedAt) in groups["bucket"] ?? [] {
            if let bucket = Int(key) { byBucket[bucket] = (f.received, resolvedAt) }
        }
        let range = kind == "daily" ? Array(0..<24) : Array(1...max(1, Int((to.timeIntervalSince(from) / 86_400).rounded())))
        let volume = range.map { bucket in
            (label: kind == "daily" ? "\(bucket)时" : "\(bucket)日", received: byBucket[bucket]?.0 ?? 0, resolved: byBucket[bucket]?.1 ?? 0)
        }
        func top(_ set: String) -> [(String, Int)] {
            (groups[set] ?? []).map { ($0.0, $0.1.received) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(10).map { $0 }
        }
        let categories = top("category").map { code, n in
            (code: code, name: snapshot?.jurisdiction.catalog.category(code: code)?.name ?? code, count: n)
        }
        let grids = top("grid").map { code, n in (code: code, name: snapshot?.grids.grid(code: code)?.name ?? code, count: n) }
        let gridCounts = Dictionary((groups["grid"] ?? []).map { ($0.0, $0.1.received) }, uniquingKeysWith: +)
        let gridMap = (snapshot?.jurisdiction.grids ?? []).map { grid in
            GridMap.Region(
                label: grid.name,
                rings: grid.geometry.polygons.flatMap { [$0.outer] + $0.holes }.map { ring in ring.map { (lon: $0.lon, lat: $0.lat) } },
                value: Double(gridCounts[grid.code] ?? 0)
            )
        }
        let overdueBy = Dictionary((groups["overdue"] ?? []).map { ($0.0, $0.1.received) }, uniquingKeysWith: +)
        let overdue = ["community", "street", "district"].map { (level: $0, count: overdueBy[$0] ?? 0) }
        var reasonBy: [RatingReasonCategory: Int] = [:]
        for (key, f, _) in groups["reason"] ?? [] {
            reasonBy[RatingReasonCategory(rawValue: key) ?? .other, default: 0] += f.received
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
            categories: categories, grids: grids, gridMap: gridMap, overdue: overdue, reasons: reasons, roots: roots
        )
        return (figures, (current, previous))
    }
}
