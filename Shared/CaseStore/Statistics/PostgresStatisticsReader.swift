import Foundation
import HotlineDomain
import Postgres

/// ``StatisticsReader`` on PostgreSQL: each read in one read-only transaction of `pool`, the
/// read pool (a streaming replica with `DATABASE_READ_URL`, else the service's own).
public struct PostgresStatisticsReader: StatisticsReader {
    let pool: PostgresPool

    /// Aggregates read from `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func ticketCounts(groupBy: TicketGrouping, from: Date, to: Date) async throws -> [TicketCounts] {
        let column = groupBy.column
        return try await self.pool.readOnly { connection in
            try connection.query(
                """
                SELECT COALESCE(\(column), '') AS key, count(*) AS received, count(assigned_at) AS dispatched,
                    count(*) FILTER (WHERE responded_at <= respond_by) AS responded_on_time,
                    count(resolved_at) + count(*) FILTER (WHERE resolved_at IS NULL AND status = 'closed' AND rating IS NOT NULL AND answered_article IS NULL) AS resolved,
                    count(*) FILTER (WHERE resolved_at <= resolve_by) AS resolved_on_time,
                    count(rating) AS rated, count(*) FILTER (WHERE COALESCE(verified_rating, rating) IN (1, 2)) AS satisfied,
                    count(answered_article) AS answered
                FROM tickets WHERE created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1
                """,
                [from, to]
            ).map { row in
                var counts = TicketCounts(key: try row.decode("key", as: String.self))
                counts.received = try row.decode("received", as: Int.self)
                counts.dispatched = try row.decode("dispatched", as: Int.self)
                counts.respondedOnTime = try row.decode("responded_on_time", as: Int.self)
                counts.resolved = try row.decode("resolved", as: Int.self)
                counts.resolvedOnTime = try row.decode("resolved_on_time", as: Int.self)
                counts.rated = try row.decode("rated", as: Int.self)
                counts.satisfied = try row.decode("satisfied", as: Int.self)
                counts.answered = try row.decode("answered", as: Int.self)
                return counts
            }
        }
    }

    public func rankingFigures(groupBy: TicketGrouping, from: Date, to: Date, previousFrom: Date) async throws
        -> (current: [RankingFigures], previous: [RankingFigures])
    {
        try await self.pool.readOnly { connection in
            // JIT compiling these aggregates cost seconds over a month of a big city (docs/supervision.md).
            try connection.execute("SET LOCAL jit = off")
            try connection.execute("SET LOCAL work_mem = '64MB'")
            return (
                try Self.figures(groupBy: groupBy, from: from, to: to, on: connection),
                try Self.figures(groupBy: groupBy, from: previousFrom, to: from, on: connection)
            )
        }
    }

    public func householdFigures(from: Date, to: Date, coverageDays: Int, year: Int) async throws -> [String: HouseholdFigures] {
        try await self.pool.readOnly { try HouseholdStats().perGrid(from: from, to: to, coverageDays: coverageDays, year: year, on: $0) }
    }

    /// Each group's counts over tickets created in `[from, to)`; tickets without the group
    /// (not yet routed, or no lead department) are left out. Deadlines are the stored ones; a
    /// ticket still paused is judged with its clock stopped.
    static func figures(groupBy: TicketGrouping, from: Date, to: Date, on connection: PostgresConnection) throws -> [RankingFigures] {
        let column = groupBy.column
        // A ticket still paused has its deadlines moved by the time paused so far.
        let stopped = "COALESCE(now() - paused_at, interval '0')"
        let rows = try connection.query(
            """
            SELECT \(column) AS key, count(*) AS received, count(assigned_at) AS dispatched,
                count(*) FILTER (WHERE responded_at <= respond_by + \(stopped)) AS responded_on_time,
                count(resolved_at) + count(*) FILTER (WHERE resolved_at IS NULL AND status = 'closed' AND rating IS NOT NULL) AS resolved,
                count(*) FILTER (WHERE resolved_at <= resolve_by + \(stopped)) AS resolved_on_time,
                count(rating) AS rated, count(*) FILTER (WHERE COALESCE(verified_rating, rating) IN (1, 2)) AS satisfied,
                COALESCE(sum(return_count), 0)::int AS returns
            FROM tickets WHERE created_at >= $1 AND created_at < $2 AND \(column) IS NOT NULL GROUP BY 1 ORDER BY 1
            """,
            [from, to]
        )
        var byCode: [String: RankingFigures] = [:]
        var order: [String] = []
        for row in rows {
            let code = try row.decode("key", as: String.self)
            var figures = RankingFigures(code: code)
            figures.received = try row.decode("received", as: Int.self)
            figures.dispatched = try row.decode("dispatched", as: Int.self)
            figures.respondedOnTime = try row.decode("responded_on_time", as: Int.self)
            figures.resolved = try row.decode("resolved", as: Int.self)
            figures.resolvedOnTime = try row.decode("resolved_on_time", as: Int.self)
            figures.rated = try row.decode("rated", as: Int.self)
            figures.satisfied = try row.decode("satisfied", as: Int.self)
            if groupBy != .department { figures.returns = try row.decode("returns", as: Int.self) }
            byCode[code] = figures
            order.append(code)
        }
        if groupBy == .department {
            // A department's returns are its own (returned_by), whoever leads the ticket now.
            for (code, returns) in try Self.departmentReturns(from: from, to: to, on: connection) {
                if byCode[code] == nil {
                    byCode[code] = RankingFigures(code: code)
                    order.append(code)
                }
                byCode[code]?.returns = returns
            }
        }
        return order.compactMap { byCode[$0] }
    }

    /// Each department's returns of the tickets created in `[from, to)`, in the order read.
    static func departmentReturns(from: Date, to: Date, on connection: PostgresConnection) throws -> [(String, Int)] {
        try connection.query(
            """
            SELECT r AS key, count(*)::int AS returns FROM tickets, unnest(returned_by) AS r
            WHERE created_at >= $1 AND created_at < $2 AND cardinality(returned_by) > 0 GROUP BY 1
            """,
            [from, to]
        ).map { (try $0.decode("key", as: String.self), try $0.decode("returns", as: Int.self)) }
    }
}
