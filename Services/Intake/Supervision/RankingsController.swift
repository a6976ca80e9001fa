import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// `GET /v1/rankings?groupBy=street|community|department&from=&to=` (CONTRACTS section 11): the
/// three rates of each group over tickets created in `[from, to)` (default: the last 30 days),
/// defined as `GET /v1/stats` defines them, the weighted score of the catalog's `evaluation`
/// weights, the rank, and the rank over the period of the same length just before.
///
/// The counts are summed in PostgreSQL; the rates, score and ranks are ``RankingTable``'s pure
/// arithmetic. Deadlines are the stored ones (moved by approved extensions and resumes); a
/// ticket still paused is judged with its clock stopped, as ``RankingFigures/add(_:now:)`` does.
struct RankingsController: Sendable {
    let tickets: TicketsController
    /// Where the figures are read (a replica when configured).
    let reads: ReadDatabase

    /// The grouping column of each `groupBy`.
    static let columns = ["street": "street", "community": "community", "department": "lead_department"]

    struct Report: Encodable {
        var groupBy: String
        var from: Date
        var to: Date
        var previousFrom: Date
        var weights: EvaluationWeights
        var rows: [RankingTable.Row]
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/rankings") { request, _ in try await self.rankings(request) }
    }

    private func rankings(_ request: Request) async throws -> Response {
        _ = try await self.tickets.auth.require(request, [.operator_, .admin, .screen])
        let query = request.uri.queryParameters
        let groupBy = query["groupBy"].map(String.init) ?? "street"
        var errors: [APIError.FieldError] = []
        if Self.columns[groupBy] == nil { errors.append(.init(field: "groupBy", message: "must be street, community or department")) }
        let period = StatsPeriod.parse(query, errors: &errors)
        if errors.isEmpty, period.to <= period.from { errors.append(.init(field: "to", message: "must be after from")) }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        return try JSONResponse.make(try await self.report(groupBy: groupBy, from: period.from, to: period.to))
    }

    /// The ranking report of a period (also what the reports print).
    func report(groupBy: String, from: Date, to: Date) async throws -> Report {
        let snapshot = try? await self.tickets.jurisdiction.snapshot()
        let weights = snapshot?.jurisdiction.catalog.weights ?? EvaluationWeights()
        let previousFrom = from.addingTimeInterval(-to.timeIntervalSince(from))
        let (current, previous) = try await self.reads.read { connection in
            // JIT compiling these aggregates cost seconds over a month of a big city (docs/supervision.md).
            try connection.execute("SET LOCAL jit = off")
            try connection.execute("SET LOCAL work_mem = '64MB'")
            return (
                try Self.figures(groupBy: groupBy, from: from, to: to, on: connection),
                try Self.figures(groupBy: groupBy, from: previousFrom, to: from, on: connection)
            )
        }
        let named = current.map { figures -> RankingFigures in
            var figures = figures
            figures.name = Self.name(of: figures.code, groupBy, snapshot)
            return figures
        }
        return Report(
            groupBy: groupBy, from: from, to: to, previousFrom: previousFrom, weights: weights,
            rows: RankingTable.make(current: named, previous: previous, weights: weights)
        )
    }

    /// Each group's counts over tickets created in `[from, to)`; tickets without the group
    /// (not yet routed, or no lead department) are left out.
    static func figures(groupBy: String, from: Date, to: Date, on connection: PostgresConnection) throws -> [RankingFigures] {
        guard let column = self.columns[groupBy] else { return [] }
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
            if groupBy != "department" { figures.returns = try row.decode("returns", as: Int.self) }
            byCode[code] = figures
            order.append(code)
        }
        if groupBy == "department" {
            // A department's returns are its own (returned_by), whoever leads the ticket now.
            let returns = try connection.query(
                """
                SELECT r AS key, count(*)::int AS returns FROM tickets, unnest(returned_by) AS r
                WHERE created_at >= $1 AND created_at < $2 AND cardinality(returned_by) > 0 GROUP BY 1
                """,
                [from, to]
            )
            for row in returns {
                let code = try row.decode("key", as: String.self)
                if byCode[code] == nil {
                    byCode[code] = RankingFigures(code: code)
                    order.append(code)
                }
                byCode[code]?.returns = try row.decode("returns", as: Int.self)
            }
        }
        return order.compactMap { byCode[$0] }
    }

    static func name(of code: String, _ groupBy: String, _ snapshot: JurisdictionSnapshot?) -> String? {
        guard let snapshot else { return nil }
        switch groupBy {
        case "department": return snapshot.department(code)?.name
        case "community": return snapshot.jurisdiction.grids.first { $0.community.code == code }?.community.name
        default: return snapshot.jurisdiction.grids.first { $0.street.code == code }?.street.name
        }
    }
}
