import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// `GET /v1/counts?street=&grid=&department=`: how many tickets each tab of the console's work
/// queue holds (per status, overdue, 三重, awaiting follow-up), under the same filters as the list.
struct QueueCountsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The counts.
    let console: any ConsoleReader

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/counts") { request, _ in try await self.counts(request) }
    }

    private func counts(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        var conditions: [QueueCounts.Condition] = []
        var errors: [APIError.FieldError] = []
        for (key, value) in request.uri.queryParameters {
            let text = String(value).removingPercentEncoding ?? String(value)
            switch key {
            case "street": conditions.append(.street(text))
            case "grid": conditions.append(.grid(text))
            case "department": conditions.append(.department(text))
            default: errors.append(.init(field: String(key), message: "unknown parameter"))
            }
        }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        return try JSONResponse.make(try await self.console.queueCounts(conditions))
    }
}
