import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// `GET /v1/me`: who the signed-in key is, so the console shows what its role may do.
struct SessionController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource

    private struct Me: Encodable {
        var name: String
        var role: String
        var department: String?
        var departmentName: String?
        /// A grid worker's grid, a secretary's community, and the community's grids (code, name).
        var grid: String?
        var community: String?
        var communityName: String?
        var grids: [[String: String]]?
        /// A volunteer's code (role `volunteer`).
        var volunteer: String?
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/me") { request, _ in
            // Every role but the wall display's (which reads aggregates only).
            let principal = try await self.auth.require(request, Set(Role.allCases).subtracting([.screen]))
            let snapshot = try? await self.jurisdiction.snapshot()
            let community = principal.community ?? principal.grid.flatMap { snapshot?.grids.grid(code: $0)?.community.code }
            let grids = community.map { code in snapshot?.grids.grids.filter { $0.community.code == code } ?? [] }
            return try JSONResponse.make(
                Me(
                    name: principal.name, role: principal.role.rawValue, department: principal.department,
                    departmentName: principal.department.flatMap { snapshot?.department($0)?.name },
                    grid: principal.grid, community: community, communityName: grids?.first?.community.name,
                    grids: grids?.map { ["code": $0.code, "name": $0.name] }, volunteer: principal.volunteer
                ),
                headers: [.cacheControl: "no-store"]
            )
        }
    }
}
