import Foundation
import HotlineDomain
import Postgres

/// Visits (走访) by grid workers: recorded with their findings, scheduled per colour by the
/// catalog's `visitEvery`.
public struct HouseholdVisits: Sendable {
    public init() {}

    /// One visit.
    public struct Visit: Codable, Sendable {
        public var id: String
        public var household: String
        public var visitor: String
        public var visitedAt: Date
        public var findings: String
        public var ticketId: String?
        public var recordedBy: String
    }

    /// Records a visit (and the ticket its finding opened, if any).
    public func record(
        household: String, visitor: String, visitedAt: Date, findings: String, ticketId: String?, recordedBy: String,
        on connection: PostgresConnection
    ) throws -> Visit {
        let visit = Visit(
            id: UUID().uuidString.lowercased(), household: household, visitor: visitor, visitedAt: visitedAt, findings: findings,
            ticketId: ticketId, recordedBy: recordedBy
        )
        try connection.query(
            """
            INSERT INTO household_visits (id, household, visitor, visited_at, findings, ticket_id, recorded_by)
            VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid, $7)
            """,
            [visit.id, household, visitor, visitedAt, findings, ticketId, recordedBy]
        )
        return visit
    }

    /// A household's visits, newest first.
    public func recent(of household: String, limit: Int = 20, on connection: PostgresConnection) throws -> [Visit] {
        try connection.query(
            """
            SELECT id::text AS id, household, visitor, visited_at, findings, ticket_id::text AS ticket_id, recorded_by
            FROM household_visits WHERE household = $1 ORDER BY visited_at DESC LIMIT $2
            """,
            [household, limit]
        ).map { row in
            Visit(
                id: try row.decode("id", as: String.self), household: try row.decode("household", as: String.self),
                visitor: try row.decode("visitor", as: String.self), visitedAt: try row.decode("visited_at", as: Date.self),
                findings: try row.decode("findings", as: String.self), ticketId: try row.decode("ticket_id", as: String?.self),
                recordedBy: try row.decode("recorded_by", as: String.self)
            )
        }
    }

    /// A household whose next visit is due.
    public struct Due: Codable, Sendable {
        public var household: String
        public var address: String
        public var grid: String
        public var colour: HouseholdColour
        public var lastVisitAt: Date?
        /// When the visit fell due: the last visit plus the colour's interval, or the day the
        /// household was registered when it was never visited.
        public var dueSince: Date
    }

    /// Households (of `grids`, or all) whose visit is overdue at `now` under `visitEvery`,
    /// most overdue first.
    public func overdue(
        grids: [String]?, visitEvery: [HouseholdColour: ISODuration], at now: Date, on connection: PostgresConnection
    ) throws -> [Due] {
        guard !visitEvery.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT h.code, h.address, h.grid, h.colour, h.created_at, max(v.visited_at) AS last_visit
            FROM households h LEFT JOIN household_visits v ON v.household = h.code
            WHERE h.colour = ANY($1::text[]) AND ($2::text[] IS NULL OR h.grid = ANY($2::text[]))
            GROUP BY h.code
            """,
            [visitEvery.keys.map(\.rawValue), grids]
        ).compactMap { row -> Due? in
            guard let colour = HouseholdColour(rawValue: try row.decode("colour", as: String.self)), let every = visitEvery[colour] else {
                return nil
            }
            let last = try row.decode("last_visit", as: Date?.self)
            let registered = try row.decode("created_at", as: Date.self)
            let dueSince = last.map { $0.addingTimeInterval(every.seconds) } ?? registered
            guard dueSince <= now else { return nil }
            return Due(
                household: try row.decode("code", as: String.self), address: try row.decode("address", as: String.self),
                grid: try row.decode("grid", as: String.self), colour: colour, lastVisitAt: last, dueSince: dueSince
            )
        }.sorted { ($0.dueSince, $0.household) < ($1.dueSince, $1.household) }
    }
}
