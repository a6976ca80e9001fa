import Foundation
import HotlineDomain
import Postgres

extension PostgresStatisticsReader {
    public func reportCounts(hourly: Bool, from: Date, to: Date, zone: TimeZone) async throws -> ReportCounts {
        try await self.pool.readOnly { try Self.reportCounts(hourly: hourly, from: from, to: to, zone: zone, on: $0) }
    }

    /// The report's counts in one scan of the period (grouping sets) rather than one per table.
    static func reportCounts(hourly: Bool, from: Date, to: Date, zone: TimeZone, on connection: PostgresConnection) throws -> ReportCounts {
        let previousFrom = from.addingTimeInterval(-to.timeIntervalSince(from))
        let unit = hourly ? "hour" : "day"
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
        var counts = ReportCounts()
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
            counts.groups[set, default: []].append(.init(key: key ?? "total", figures: f, resolvedAt: try count("resolved_at")))
        }
        for (code, returns) in try Self.departmentReturns(from: from, to: to, on: connection) { counts.departmentReturns[code] = returns }
        for groupBy in [TicketGrouping.street, .department] {
            counts.previous[groupBy.rawValue] = try Self.figures(groupBy: groupBy, from: previousFrom, to: from, on: connection)
        }
        counts.roots = try connection.query(
            """
            SELECT \(SealedRoot.columns) FROM history_roots
            WHERE day >= ($1::timestamptz AT TIME ZONE $3)::date AND day < ($2::timestamptz AT TIME ZONE $3)::date ORDER BY day
            """,
            [from, to, zone.identifier]
        ).map { try SealedRoot(row: $0) }
        return counts
    }
}
