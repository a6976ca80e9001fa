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
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where the figures are read (a replica when configured).
    let reads: ReadDatabase
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
        /// The service menu today: orders, taken within the hour, satisfaction, top volunteers.
        var volunteers: VolunteerBoard
        /// The newest sealed daily root of the history chain (issue 18 point 7), or nil.
        var historyRoot: Root?
    }

    /// The volunteers' figures of the day; names shown as the surname only (a wall display).
    private struct VolunteerBoard: Encodable {
        var ordersToday: Int
        var takenWithinHour: Int
        var rated: Int
        var satisfied: Int
        var satisfactionRate: Double?
        var top: [Top]
    }

    /// A sealed daily root: the local day, its event count and the SHA-256 root.
    private struct Root: Encodable {
        var day: String
        var events: Int
        var root: String
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/screen") { request, _ in try await self.snapshot(request) }
    }

    private func snapshot(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin, .screen])
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let midnight = calendar.startOfDay(for: now)
        let today = Period(from: midnight, to: calendar.date(byAdding: .day, value: 1, to: midnight)!)
        let yesterday = Period(from: calendar.date(byAdding: .day, value: -1, to: midnight)!, to: midnight)
        let clusterSize = self.clusterSize
        let (grids, alerts, categories, streets, levels, latest, board, root) = try await self.reads.read { connection in
            let open = "status IN ('received', 'assigned', 'accepted', 'unroutable', 'returned')"
            let grids = try connection.query(
                """
                SELECT grid, count(*) AS open, count(*) FILTER (WHERE \(TicketFilter.overdueCondition)) AS overdue
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
            for row in try connection.query("SELECT level, count(*) AS n FROM tickets WHERE \(TicketFilter.overdueCondition) GROUP BY level") {
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
            let figures = try connection.query(
                """
                SELECT count(*) AS orders,
                    count(*) FILTER (WHERE volunteer IS NOT NULL AND responded_at <= created_at + interval '1 hour') AS quick,
                    count(*) FILTER (WHERE rating IS NOT NULL) AS rated, count(*) FILTER (WHERE rating IN (1, 2)) AS satisfied
                FROM tickets WHERE handler = 'volunteer' AND created_at >= $1 AND created_at < $2
                """,
                [today.from, today.to]
            )[0]
            let rated = try figures.decode("rated", as: Int.self)
            let satisfied = try figures.decode("satisfied", as: Int.self)
            let board = VolunteerBoard(
                ordersToday: try figures.decode("orders", as: Int.self), takenWithinHour: try figures.decode("quick", as: Int.self),
                rated: rated, satisfied: satisfied, satisfactionRate: rated > 0 ? Double(satisfied) / Double(rated) : nil,
                top: try connection.query("SELECT code, name, points FROM volunteers WHERE points > 0 ORDER BY points DESC, code LIMIT 5").map {
                    Top(code: try $0.decode("code", as: String.self), name: String(try $0.decode("name", as: String.self).prefix(1)) + "志愿者", count: try $0.decode("points", as: Int.self))
                }
            )
            let root = try connection.query("SELECT day::text AS day, events, root FROM history_roots ORDER BY day DESC LIMIT 1").first.map {
                Root(day: try $0.decode("day", as: String.self), events: try $0.decode("events", as: Int.self), root: try $0.decode("root", as: String.self))
            }
            return (grids, alerts, try top("category"), try top("street"), levels, latest, board, root)
        }
        let snapshot = try? await self.jurisdiction.snapshot()
        let streetNames = Dictionary(
            (snapshot?.jurisdiction.grids ?? []).map { ($0.street.code, $0.street.name) }, uniquingKeysWith: { a, _ in a }
        )
        return try JSONResponse.make(
            Snapshot(
                at: now, today: today, yesterday: yesterday, grids: grids, alerts: alerts,
                topCategories: categories.map { Top(code: $0.0, name: snapshot?.category($0.0)?.name, count: $0.1) },
                topStreets: streets.map { Top(code: $0.0, name: streetNames[$0.0], count: $0.1) },
                overdueByLevel: levels, latest: latest,
                categories: (snapshot?.jurisdiction.catalog.categories ?? []).map { Top(code: $0.code, name: $0.name, count: 0) },
                volunteers: board,
                historyRoot: root
            ),
            headers: [.cacheControl: "no-store"]
        )
    }
}
