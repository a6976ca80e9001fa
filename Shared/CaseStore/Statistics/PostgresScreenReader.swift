import Foundation
import HotlineDomain
import Outbox
import Postgres

/// ``ScreenReader`` on PostgreSQL's read pool (a streaming replica with `DATABASE_READ_URL`).
public struct PostgresScreenReader: ScreenReader {
    let pool: PostgresPool

    /// The screen read from `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func screen(today: DateInterval, clusterSize: Int) async throws -> ScreenFigures {
        try await self.pool.readOnly { try Self.screen(today: today, clusterSize: clusterSize, on: $0) }
    }

    /// The figures on `connection`: open and overdue tickets per grid, the alerts (open 三重
    /// tickets, then `clusterSize` or more live tickets of one category in one grid over the last
    /// 24 hours), the top categories and streets of `today`, overdue tickets per level, the
    /// latest events, the volunteers' board and the newest sealed root.
    static func screen(today: DateInterval, clusterSize: Int, on connection: PostgresConnection) throws -> ScreenFigures {
        typealias Alert = ScreenFigures.Alert
        var figures = ScreenFigures()
        let open = "status IN ('received', 'assigned', 'accepted', 'unroutable', 'returned')"
        figures.grids = try connection.query(
            """
            SELECT grid, count(*) AS open, count(*) FILTER (WHERE \(TicketFilter.overdueCondition)) AS overdue
            FROM tickets WHERE \(open) AND grid IS NOT NULL GROUP BY grid
            """
        ).map { .init(grid: try $0.decode("grid", as: String.self), open: try $0.decode("open", as: Int.self), overdue: try $0.decode("overdue", as: Int.self)) }
        figures.alerts = try connection.query(
            "SELECT number, grid, major FROM tickets WHERE \(open) AND major IS NOT NULL AND grid IS NOT NULL ORDER BY created_at DESC LIMIT 50"
        ).map {
            Alert(kind: "major", grid: try $0.decode("grid", as: String.self), ticketNumber: try $0.decode("number", as: String.self), major: try $0.decode("major", as: String.self), count: 1)
        }
        figures.alerts += try connection.query(
            """
            SELECT grid, category, count(*) AS n FROM tickets
            WHERE status IN ('received', 'assigned', 'accepted') AND created_at > now() - interval '24 hours'
                AND grid IS NOT NULL AND category IS NOT NULL
            GROUP BY grid, category HAVING count(*) >= $1 ORDER BY count(*) DESC LIMIT 50
            """,
            [clusterSize]
        ).map {
            Alert(kind: "cluster", grid: try $0.decode("grid", as: String.self), category: try $0.decode("category", as: String.self), count: try $0.decode("n", as: Int.self))
        }
        func top(_ column: String) throws -> [ScreenFigures.Top] {
            try connection.query(
                """
                SELECT \(column) AS code, count(*) AS n FROM tickets
                WHERE created_at >= $1 AND created_at < $2 AND \(column) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
                """,
                [today.start, today.end]
            ).map { .init(code: try $0.decode("code", as: String.self), count: try $0.decode("n", as: Int.self)) }
        }
        for row in try connection.query("SELECT level, count(*) AS n FROM tickets WHERE \(TicketFilter.overdueCondition) GROUP BY level") {
            figures.overdueByLevel[try row.decode("level", as: String.self)] = try row.decode("n", as: Int.self)
        }
        let decoder = HotlineJSON.decoder()
        figures.latest = try connection.query(
            "SELECT body FROM outbox WHERE history AND exchange = $1 AND routing_key LIKE 'ticket.%' ORDER BY tx DESC, seq DESC LIMIT 20",
            [Topology.eventsExchange]
        ).compactMap { row in try? decoder.decode(EventEnvelope.self, from: Data(try row.decode("body", as: String.self).utf8)) }
        let volunteers = try connection.query(
            """
            SELECT count(*) AS orders,
                count(*) FILTER (WHERE volunteer IS NOT NULL AND responded_at <= created_at + interval '1 hour') AS quick,
                count(*) FILTER (WHERE rating IS NOT NULL) AS rated, count(*) FILTER (WHERE rating IN (1, 2)) AS satisfied
            FROM tickets WHERE handler = 'volunteer' AND created_at >= $1 AND created_at < $2
            """,
            [today.start, today.end]
        )[0]
        figures.volunteers = ScreenFigures.VolunteerBoard(
            ordersToday: try volunteers.decode("orders", as: Int.self), takenWithinHour: try volunteers.decode("quick", as: Int.self),
            rated: try volunteers.decode("rated", as: Int.self), satisfied: try volunteers.decode("satisfied", as: Int.self),
            top: try connection.query("SELECT code, name, points FROM volunteers WHERE points > 0 ORDER BY points DESC, code LIMIT 5").map {
                .init(code: try $0.decode("code", as: String.self), name: String(try $0.decode("name", as: String.self).prefix(1)) + "志愿者", count: try $0.decode("points", as: Int.self))
            }
        )
        figures.historyRoot = try connection.query("SELECT \(SealedRoot.columns) FROM history_roots ORDER BY day DESC LIMIT 1").first.map {
            try SealedRoot(row: $0)
        }
        (figures.topCategories, figures.topStreets) = (try top("category"), try top("street"))
        return figures
    }
}
