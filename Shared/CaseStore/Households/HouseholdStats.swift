import Foundation
import HotlineDomain
import Postgres

/// Household figures of one grid, or of several added together (community, street).
public struct HouseholdFigures: Codable, Sendable, Equatable {
    public var households = 0
    public var byColour: [String: Int] = Dictionary(uniqueKeysWithValues: HouseholdColour.allCases.map { ($0.rawValue, 0) })
    public var byKind: [String: Int] = Dictionary(uniqueKeysWithValues: HouseholdKind.allCases.map { ($0.rawValue, 0) })
    /// Members of residential households.
    public var residents = 0
    /// Residents per age band (`0-3` … `80+`), plus `unknown` without a birth year.
    public var byAgeBand: [String: Int] = Dictionary(uniqueKeysWithValues: (AgeBand.allCases.map(\.rawValue) + ["unknown"]).map { ($0, 0) })
    public var byFlag: [String: Int] = Dictionary(uniqueKeysWithValues: MemberFlag.allCases.map { ($0.rawValue, 0) })
    /// Check-ins sent in the period, answered by their deadline, and the share.
    public var checkinsSent = 0
    public var checkinsAnswered = 0
    public var checkinRate: Double?
    /// Households visited in the last `coverageDays`, and their share of all.
    public var visited = 0
    public var visitCoverage: Double?

    public init() {}

    /// Adds another group's figures (rates recomputed from the counts).
    public static func + (lhs: HouseholdFigures, rhs: HouseholdFigures) -> HouseholdFigures {
        var sum = lhs
        sum.households += rhs.households
        sum.byColour.merge(rhs.byColour, uniquingKeysWith: +)
        sum.byKind.merge(rhs.byKind, uniquingKeysWith: +)
        sum.residents += rhs.residents
        sum.byAgeBand.merge(rhs.byAgeBand, uniquingKeysWith: +)
        sum.byFlag.merge(rhs.byFlag, uniquingKeysWith: +)
        sum.checkinsSent += rhs.checkinsSent
        sum.checkinsAnswered += rhs.checkinsAnswered
        sum.visited += rhs.visited
        return sum.withRates()
    }

    func withRates() -> HouseholdFigures {
        var figures = self
        func rate(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : (Double(a) / Double(b) * 10_000).rounded() / 10_000 }
        figures.checkinRate = rate(self.checkinsAnswered, self.checkinsSent)
        figures.visitCoverage = rate(self.visited, self.households)
        return figures
    }
}

/// Household statistics per grid, from four grouped queries.
public struct HouseholdStats: Sendable {
    public init() {}

    /// Figures per grid code: check-ins planned in `[from, to)`, visits in the `coverageDays`
    /// before `now`, ages counted in `year`.
    public func perGrid(
        from: Date, to: Date, coverageDays: Int, year: Int, now: Date = Date(), on connection: PostgresConnection
    ) throws -> [String: HouseholdFigures] {
        var grids: [String: HouseholdFigures] = [:]
        for row in try connection.query("SELECT grid, colour, kind, count(*) AS n FROM households GROUP BY 1, 2, 3") {
            let n = try row.decode("n", as: Int.self)
            let grid = try row.decode("grid", as: String.self)
            grids[grid, default: HouseholdFigures()].households += n
            grids[grid, default: HouseholdFigures()].byColour[try row.decode("colour", as: String.self), default: 0] += n
            grids[grid, default: HouseholdFigures()].byKind[try row.decode("kind", as: String.self), default: 0] += n
        }
        let members = try connection.query(
            """
            SELECT h.grid, m->>'birthYear' AS birth_year, COALESCE(m->'flags', '[]')::text AS flags, count(*) AS n
            FROM households h CROSS JOIN jsonb_array_elements(h.members) m WHERE h.kind = 'residential' GROUP BY 1, 2, 3
            """
        )
        for row in members {
            let (grid, n) = (try row.decode("grid", as: String.self), try row.decode("n", as: Int.self))
            let band = try row.decode("birth_year", as: String?.self).flatMap { Int($0) }.map { AgeBand(birthYear: $0, in: year).rawValue }
            let flags = try HotlineJSON.decoder().decode([String].self, from: Data(try row.decode("flags", as: String.self).utf8))
            grids[grid, default: HouseholdFigures()].residents += n
            grids[grid, default: HouseholdFigures()].byAgeBand[band ?? "unknown", default: 0] += n
            for flag in flags { grids[grid, default: HouseholdFigures()].byFlag[flag, default: 0] += n }
        }
        let checkins = try connection.query(
            """
            SELECT h.grid, count(*) AS sent, count(*) FILTER (WHERE c.answered_at <= c.due_at) AS answered
            FROM household_checkins c JOIN households h ON h.code = c.household
            WHERE c.planned_at >= $1 AND c.planned_at < $2 GROUP BY 1
            """,
            [from, to]
        )
        for row in checkins {
            let grid = try row.decode("grid", as: String.self)
            grids[grid, default: HouseholdFigures()].checkinsSent = try row.decode("sent", as: Int.self)
            grids[grid, default: HouseholdFigures()].checkinsAnswered = try row.decode("answered", as: Int.self)
        }
        let visits = try connection.query(
            """
            SELECT h.grid, count(DISTINCT h.code) AS visited FROM households h JOIN household_visits v ON v.household = h.code
            WHERE v.visited_at >= $1::timestamptz - make_interval(days => $2) AND v.visited_at <= $1 GROUP BY 1
            """,
            [now, coverageDays]
        )
        for row in visits {
            grids[try row.decode("grid", as: String.self), default: HouseholdFigures()].visited = try row.decode("visited", as: Int.self)
        }
        return grids.mapValues { $0.withRates() }
    }
}
