import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// `GET /v1/stats?groupBy=street|grid|department&from=&to=`: volumes and the three rates.
///
/// Over tickets created in `[from, to)` (default: the last 30 days):
/// - `received`: tickets taken; `dispatched`: assigned to a handler at least once;
/// - `respondedOnTime`: accepted (or resolved) by respond-by; `resolved`: resolved at least once;
///   `resolvedOnTime`: resolved by resolve-by; `rated`: rated by the resident; `satisfied`: rated
///   1 (satisfied) or 2 (basically satisfied);
/// - 响应率 `responseRate` = respondedOnTime / dispatched; 解决率 `resolutionRate` = resolved /
///   dispatched; 满意率 `satisfactionRate` = satisfied / rated (null when the divisor is 0);
/// - `households`: for `street` and `grid`, the registry's figures of the same groups (see
///   `GET /v1/stats/households`).
/// - `answered`: answered on the call from a knowledge article (直接答复, and not turned into a
///   normal ticket by a dissatisfied rating); 直接答复率 `directAnswerRate` = answered / received.
struct StatsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where the figures are read (a replica when configured).
    let statistics: any StatisticsReader
    /// The business time zone (the year households' ages are counted in).
    let timeZone: TimeZone

    struct Row: Encodable {
        var key: String
        var name: String?
        var received, dispatched, respondedOnTime, resolved, resolvedOnTime, rated, satisfied: Int
        var responseRate, resolutionRate, satisfactionRate: Double?
        var answered = 0
        var directAnswerRate: Double?

        enum CodingKeys: String, CodingKey {
            case key, name, received, dispatched, respondedOnTime, resolved, resolvedOnTime, rated, satisfied
            case responseRate, resolutionRate, satisfactionRate, answered, directAnswerRate
        }

        // A rate with nothing to divide by is written as null, not left out.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.key, forKey: .key)
            try c.encode(self.name, forKey: .name)
            for (value, key) in [
                (self.received, CodingKeys.received), (self.dispatched, .dispatched), (self.respondedOnTime, .respondedOnTime),
                (self.resolved, .resolved), (self.resolvedOnTime, .resolvedOnTime), (self.rated, .rated), (self.satisfied, .satisfied),
            ] {
                try c.encode(value, forKey: key)
            }
            try c.encode(self.responseRate, forKey: .responseRate)
            try c.encode(self.resolutionRate, forKey: .resolutionRate)
            try c.encode(self.satisfactionRate, forKey: .satisfactionRate)
            try c.encode(self.answered, forKey: .answered)
            try c.encode(self.directAnswerRate, forKey: .directAnswerRate)
        }
    }

    struct Report: Encodable {
        var groupBy: String
        var from: Date
        var to: Date
        var groups: [Row]
        var total: Row
        /// The households registry's figures for the same groups (street and grid only).
        var households: HouseholdReport.Report?
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/stats") { request, _ in try await self.stats(request) }
    }

    private func stats(_ request: Request) async throws -> Response {
        // Counts and rates only: a wall display's `screen` key may read them.
        _ = try await self.auth.require(request, [.operator_, .admin, .screen])
        let query = request.uri.queryParameters
        let groupBy = query["groupBy"].map(String.init) ?? "street"
        let groupings: [String: TicketGrouping] = ["street": .street, "grid": .grid, "department": .department]
        var errors: [APIError.FieldError] = []
        if groupings[groupBy] == nil { errors.append(.init(field: "groupBy", message: "must be street, grid or department")) }
        let period = StatsPeriod.parse(query, errors: &errors)
        let (from, to) = (period.from, period.to)
        guard errors.isEmpty, let grouping = groupings[groupBy] else { throw APIError.badRequest(errors) }
        let rows = try await self.statistics.ticketCounts(groupBy: grouping, from: from, to: to).map { counts in
            (
                counts.key,
                [
                    counts.received, counts.dispatched, counts.respondedOnTime, counts.resolved, counts.resolvedOnTime, counts.rated,
                    counts.satisfied, counts.answered,
                ]
            )
        }
        let snapshot = try? await self.jurisdiction.snapshot()
        let groups = rows.map { key, counts in Self.row(key, self.name(of: key, groupBy, snapshot), counts) }
        let total = Self.row("total", nil, (0..<8).map { i in rows.reduce(0) { $0 + $1.1[i] } })
        var households: HouseholdReport.Report?
        if groupBy != "department", let snapshot {
            households = try await HouseholdReport.make(
                groupBy: groupBy, from: from, to: to, coverageDays: 30, grids: nil, snapshot: snapshot,
                year: HouseholdStore(timeZone: self.timeZone).year(), statistics: self.statistics
            )
        }
        return try JSONResponse.make(Report(groupBy: groupBy, from: from, to: to, groups: groups, total: total, households: households))
    }

    private func name(of key: String, _ groupBy: String, _ snapshot: JurisdictionSnapshot?) -> String? {
        guard let snapshot, !key.isEmpty else { return nil }
        switch groupBy {
        case "grid": return snapshot.grids.grid(code: key)?.name
        case "department": return snapshot.department(key)?.name
        default: return snapshot.jurisdiction.grids.first { $0.street.code == key }?.street.name
        }
    }

    private static func row(_ key: String, _ name: String?, _ c: [Int]) -> Row {
        func rate(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : (Double(a) / Double(b) * 10_000).rounded() / 10_000 }
        return Row(
            key: key, name: name, received: c[0], dispatched: c[1], respondedOnTime: c[2], resolved: c[3],
            resolvedOnTime: c[4], rated: c[5], satisfied: c[6], responseRate: rate(c[2], c[1]),
            resolutionRate: rate(c[3], c[1]), satisfactionRate: rate(c[6], c[5]), answered: c[7], directAnswerRate: rate(c[7], c[0])
        )
    }
}
