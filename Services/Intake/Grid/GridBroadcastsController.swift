import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// One-key broadcasts from the grid's side (docs/grid.md#broadcasts): `GET /v1/me/broadcasts`
/// lists the latest that reached a grid worker (with their acknowledgement) or a secretary's
/// community (with how many workers acknowledged); `POST /v1/broadcasts/{id}/ack` is the mobile
/// page's 收到 button, with the effect of the SMS reply `收到` (``BroadcastAcknowledgements``).
struct GridBroadcastsController: Sendable {
    let auth: Authenticator
    let pool: PostgresPool
    let jurisdiction: JurisdictionCache

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
        let received = try await self.pool.withConnection { try BroadcastAcknowledgements().received(by: grids, on: $0) }
        return try JSONResponse.make(["broadcasts": received])
    }

    private func acknowledge(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.grid])
        guard let grid = principal.grid else { throw APIError.forbidden("this key names no grid") }
        let outcome = try await self.pool.transaction { connection in
            try BroadcastAcknowledgements().acknowledge(id, by: .grid(grid), at: Date(), on: connection)
        }
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
