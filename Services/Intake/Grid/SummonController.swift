import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// 吹哨报到 over HTTP: `POST /v1/tickets/{id}/summon` `{"departments": ["CG"], "note"}` by the
/// ticket's community secretary, an operator or an admin (docs/grid.md).
struct SummonController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The summons.
    let summons: any SummonRepository
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/tickets/:id/summon") { request, context in try await self.summon(request, context.parameters.require("id")) }
    }

    private func summon(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.secretary, .operator_, .admin])
        let community: String?
        if principal.role == .secretary {
            guard let scope = principal.community else { throw APIError.forbidden("this key has no community") }
            community = scope
        } else {
            community = nil
        }
        let (_, body) = try await request.jsonObject()
        guard let departments = body["departments"] as? [Any], departments.allSatisfy({ $0 is String }), !departments.isEmpty,
            departments.count <= 20
        else {
            throw APIError.badRequest(field: "departments", "a list of 1 to 20 department codes, e.g. [\"CG\"]")
        }
        let codes = departments.compactMap { $0 as? String }
        let note = try FreeText.optional(body, "note")
        let snapshot = try await self.jurisdiction.snapshot()
        let ticket = try await APIError.mapping(self.logger) {
            try await self.summons.summon(id, departments: codes, by: principal.name, community: community, note: note, using: snapshot)
        }
        return try JSONResponse.make(ticket)
    }
}
