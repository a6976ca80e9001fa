import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// `GET /v1/counts?street=&grid=&department=`: how many tickets each tab of the console's work
/// queue holds (per status, overdue, 三重, awaiting follow-up), under the same filters as the list.
struct QueueCountsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The database, for this area's SQL (not behind a repository yet).
    let database: Database

    private struct Counts: Encodable {
        var status: [String: Int]
        var overdue: Int
        var major: Int
        var followUp: Int
        var total: Int
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/counts") { request, _ in try await self.counts(request) }
    }

    private func counts(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        var conditions: [String] = []
        var parameters: [String] = []
        var errors: [APIError.FieldError] = []
        for (key, value) in request.uri.queryParameters {
            let text = String(value).removingPercentEncoding ?? String(value)
            switch key {
            case "street", "grid":
                parameters.append(text)
                conditions.append("\(key) = $\(parameters.count)")
            case "department":
                parameters.append(text)
                conditions.append("departments @> ARRAY[$\(parameters.count)::text]")
            default:
                errors.append(.init(field: String(key), message: "unknown parameter"))
            }
        }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT status, count(*) AS n,
                count(*) FILTER (WHERE \(TicketFilter.overdueCondition)) AS overdue,
                count(*) FILTER (WHERE major IS NOT NULL AND status IN ('received', 'assigned', 'accepted', 'unroutable')) AS major,
                count(*) FILTER (WHERE follow_up OR (status = 'resolved' AND rating IS NULL)) AS follow_up
            FROM tickets \(filter) GROUP BY status
            """
        let values = parameters
        let counts = try await self.database.transaction { connection in
            var counts = Counts(status: [:], overdue: 0, major: 0, followUp: 0, total: 0)
            for row in try connection.query(sql, values.map { $0 as (any PostgresEncodable)? }) {
                let n = try row.decode("n", as: Int.self)
                counts.status[try row.decode("status", as: String.self)] = n
                counts.total += n
                counts.overdue += try row.decode("overdue", as: Int.self)
                counts.major += try row.decode("major", as: Int.self)
                counts.followUp += try row.decode("follow_up", as: Int.self)
            }
            return counts
        }
        return try JSONResponse.make(counts)
    }
}
