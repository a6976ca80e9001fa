import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Outbox
import Postgres

/// `GET /v1/screen`: everything the big screen draws besides the counters, in one snapshot that
/// the page reloads at start and after every reconnect of its live stream (so it never drifts).
///
/// The counters themselves come from `GET /v1/stats` for the two periods named here (today and
/// yesterday, in the business calendar's time zone), so the screen and the statistics agree.
/// A `screen` key may read it: counts, places and category names only, no free text.
struct ScreenController: Sendable {
    let tickets: TicketsController
    let timeZone: TimeZone
    /// Open tickets of one category in one grid within 24 hours from which a cluster is shown.
    let clusterSize: Int

    private struct Period: Encodable {
        var from: Date
        var to: Date
    }

    private struct GridLoad: Encodable {
        var grid: String
        var open: Int
        var overdue: Int
    }

    private struct Alert: Encodable {
        var kind: String
        var grid: String
        var ticketNumber: String?
        var major: String?
        var category: String?
        var count: Int
    }

    private struct Top: Encodable {
        var code: String
        var name: String?
        var count: Int
    }

    private struct Snapshot: Encodable {
        var at: Date
        var today: Period
        var yesterday: Period
        var grids: [GridLoad]
        var alerts: [Alert]
        var topCategories: [Top]
        var topStreets: [Top]
        var overdueByLevel: [String: Int]
        var latest: [LiveEvent]
        /// Every category's name, so a `screen` key needs no other route to label what it shows.
        var categories: [Top]
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/screen") { request, _ in try await self.snapshot(request) }
    }

    private func snapshot(_ request: Request) async throws -> Response {
        _ = try await self.tickets.auth.require(request, [.operator_, .admin, .screen])
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let midnight = calendar.startOfDay(for: now)
        let today = Period(from: midnight, to: calendar.date(byAdding: .day, value: 1, to: midnight)!)
        let yesterday = Period(from: calendar.date(byAdding: .day, value: -1, to: midnight)!, to: midnight)
        let clusterSize = self.clusterSize
        let (grids, alerts, categories, streets, levels, latest) = try await self.tickets.database { connection in
            let open = "status IN ('received', 'assigned', 'accepted', 'unroutable', 'returned')"
            let grids = try connection.query(
                """
                SELECT grid, count(*) AS open, count(*) FILTER (WHERE \(TicketQuery.overdueCondition)) AS overdue
                FROM tickets WHERE \(open) AND grid IS NOT NULL GROUP BY grid
                """
            ).map { GridLoad(grid: try $0.decode("grid", as: String.self), open: try $0.decode("open", as: Int.self), overdue: try $0.decode("overdue", as: Int.self)) }
            var alerts = try connection.query(
                "SELECT number, grid, major FROM tickets WHERE \(open) AND major IS NOT NULL AND grid IS NOT NULL ORDER BY created_at DESC LIMIT 50"
            ).map {
                Alert(kind: "major", grid: try $0.decode("grid", as: String.self), ticketNumber: try $0.decode("number", as: String.self), major: try $0.decode("major", as: String.self), count: 1)
            }
            alerts += try connection.query(
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
            func top(_ column: String) throws -> [(String, Int)] {
                try connection.query(
                    """
                    SELECT \(column) AS code, count(*) AS n FROM tickets
                    WHERE created_at >= $1 AND created_at < $2 AND \(column) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
                    """,
                    [today.from, today.to]
                ).map { (try $0.decode("code", as: String.self), try $0.decode("n", as: Int.self)) }
            }
            var levels = ["community": 0, "street": 0, "district": 0]
            for row in try connection.query("SELECT level, count(*) AS n FROM tickets WHERE \(TicketQuery.overdueCondition) GROUP BY level") {
                levels[try row.decode("level", as: String.self)] = try row.decode("n", as: Int.self)
            }
            let decoder = HotlineJSON.decoder()
            let latest = try connection.query(
                "SELECT body FROM outbox WHERE history AND exchange = $1 AND routing_key LIKE 'ticket.%' ORDER BY tx DESC, seq DESC LIMIT 20",
                [Topology.eventsExchange]
            ).compactMap { row in
                (try? decoder.decode(EventEnvelope.self, from: Data(try row.decode("body", as: String.self).utf8))).map { envelope in
                    // A wall display shows no free text: a reason or note may name someone.
                    var event = LiveEvent(envelope)
                    event.detail = nil
                    return event
                }
            }
            return (grids, alerts, try top("category"), try top("street"), levels, latest)
        }
        let snapshot = try? await self.tickets.jurisdiction.snapshot()
        let streetNames = Dictionary(
            (snapshot?.jurisdiction.grids ?? []).map { ($0.street.code, $0.street.name) }, uniquingKeysWith: { a, _ in a }
        )
        return try JSONResponse.make(
            Snapshot(
                at: now, today: today, yesterday: yesterday, grids: grids, alerts: alerts,
                topCategories: categories.map { Top(code: $0.0, name: snapshot?.category($0.0)?.name, count: $0.1) },
                topStreets: streets.map { Top(code: $0.0, name: streetNames[$0.0], count: $0.1) },
                overdueByLevel: levels, latest: latest,
                categories: (snapshot?.jurisdiction.catalog.categories ?? []).map { Top(code: $0.code, name: $0.name, count: 0) }
            ),
            headers: [.cacheControl: "no-store"]
        )
    }
}
