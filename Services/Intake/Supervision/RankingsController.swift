import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// `GET /v1/rankings?groupBy=street|community|department&from=&to=` (CONTRACTS section 11): the
/// three rates of each group over tickets created in `[from, to)` (default: the last 30 days),
/// defined as `GET /v1/stats` defines them, the weighted score of the catalog's `evaluation`
/// weights, the rank, and the rank over the period of the same length just before.
///
/// The counts are summed in PostgreSQL (``StatisticsReader``); the rates, score and ranks are
/// ``RankingTable``'s pure arithmetic. Deadlines are the stored ones (moved by approved extensions
/// and resumes); a ticket still paused is judged with its clock stopped, as
/// ``RankingFigures/add(_:now:)`` does.
struct RankingsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where the figures are read (a replica when configured).
    let statistics: any StatisticsReader

    /// The grouping of each `groupBy`.
    static let groupings: [String: TicketGrouping] = ["street": .street, "community": .community, "department": .department]

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
        _ = try await self.auth.require(request, [.operator_, .admin, .screen])
        let query = request.uri.queryParameters
        let groupBy = query["groupBy"].map(String.init) ?? "street"
        var errors: [APIError.FieldError] = []
        if Self.groupings[groupBy] == nil { errors.append(.init(field: "groupBy", message: "must be street, community or department")) }
        let period = StatsPeriod.parse(query, errors: &errors)
        if errors.isEmpty, period.to <= period.from { errors.append(.init(field: "to", message: "must be after from")) }
        guard errors.isEmpty, let grouping = Self.groupings[groupBy] else { throw APIError.badRequest(errors) }
        return try JSONResponse.make(try await self.report(groupBy: grouping, from: period.from, to: period.to))
    }

    /// The ranking report of a period (also what the reports print).
    func report(groupBy grouping: TicketGrouping, from: Date, to: Date) async throws -> Report {
        let groupBy = grouping.rawValue
        let snapshot = try? await self.jurisdiction.snapshot()
        let weights = snapshot?.jurisdiction.catalog.weights ?? EvaluationWeights()
        let previousFrom = from.addingTimeInterval(-to.timeIntervalSince(from))
        let (current, previous) = try await self.statistics.rankingFigures(groupBy: grouping, from: from, to: to, previousFrom: previousFrom)
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

    static func name(of code: String, _ groupBy: String, _ snapshot: JurisdictionSnapshot?) -> String? {
        guard let snapshot else { return nil }
        switch groupBy {
        case "department": return snapshot.department(code)?.name
        case "community": return snapshot.jurisdiction.grids.first { $0.community.code == code }?.community.name
        default: return snapshot.jurisdiction.grids.first { $0.street.code == code }?.street.name
        }
    }
}
