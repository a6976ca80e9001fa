import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// One-key broadcasts from the grid's side (docs/grid.md#broadcasts): `GET /v1/me/broadcasts`
/// lists the latest that reached a grid worker (with their acknowledgement) or a secretary's
/// community (with how many workers acknowledged); `POST /v1/broadcasts/{id}/ack` is the mobile
/// page's 收到 button, with the effect of the SMS reply `收到` (``BroadcastAcknowledgements``).
struct GridBroadcastsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The broadcasts and their acknowledgements.
    let broadcasts: any BroadcastRepository
    /// The current jurisdiction (a secretary's community's grids).
    let jurisdiction: any JurisdictionSource
    /// Where outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/me/broadcasts") { request, _ in try await self.list(request) }
        router.post("v1/broadcasts/:id/ack") { request, context in try await self.acknowledge(request, context.parameters.require("id")) }
    }

    private func list(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.grid, .secretary])
        let grids: [String]
        if let grid = principal.grid {
            grids = [grid]
        } else if let community = principal.community {
            grids = try await self.jurisdiction.snapshot().jurisdiction.grids.filter { $0.community.code == community }.map(\.code)
        } else {
            throw APIError.forbidden("this key names no grid or community")
        }
        let received = try await APIError.mapping(self.logger) { try await self.broadcasts.received(by: grids, limit: 20) }
        return try JSONResponse.make(["broadcasts": received])
    }

    private func acknowledge(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.grid])
        guard let grid = principal.grid else { throw APIError.forbidden("this key names no grid") }
        let outcome = try await APIError.mapping(self.logger) { try await self.broadcasts.acknowledge(id, grid: grid, at: Date()) }
        struct Acknowledged: Encodable {
            var id: String
            var acknowledgedAt: Date
            /// True when it had been acknowledged before (by SMS or here): nothing changed.
            var already: Bool
        }
        switch outcome {
        case nil: throw APIError.notFound("no broadcast \(id) asking this grid's worker to acknowledge")
        case .acknowledged(let id, let at): return try JSONResponse.make(Acknowledged(id: id, acknowledgedAt: at, already: false))
        case .already(let id, let at): return try JSONResponse.make(Acknowledged(id: id, acknowledgedAt: at, already: true))
        }
    }
}
