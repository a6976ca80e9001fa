import CaseStore
import Foundation
import HotlineCrypto
import HotlineDomain
import Hummingbird
import Logging

/// One-key response (一键响应): `POST /v1/broadcasts` stores a broadcast and emits ONE
/// `broadcast.created` event through the outbox, whatever the number of recipients; the
/// notifier fans it out to every grid worker in scope. `GET /v1/broadcasts/{id}` shows each
/// recipient's delivery and acknowledgement; `GET /v1/broadcasts` the latest with totals.
/// Roles `operator` and `admin`. `Idempotency-Key` makes a retried POST safe.
struct BroadcastsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The broadcasts.
    let broadcasts: any BroadcastRepository
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/broadcasts") { request, _ in try await self.create(request) }
        router.get("v1/broadcasts") { request, _ in try await self.list(request) }
        router.get("v1/broadcasts/:id") { request, context in try await self.show(request, context.parameters.require("id")) }
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        let form = try BroadcastForm.parse(body, snapshot: try await self.jurisdiction.snapshot())
        let key = request.headers[.init("Idempotency-Key")!].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        let canonical = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        let hash = SHA256Digest.hex(String(decoding: canonical, as: UTF8.self))
        let new = NewBroadcast(
            scope: form.scope, text: form.text, requireAck: form.requireAck, recipients: form.recipients, createdBy: principal.name,
            apiKeyId: principal.keyId, idempotencyKey: key, requestHash: hash
        )
        let (view, replayed) = try await APIError.mapping(self.logger) { try await self.broadcasts.create(new) }
        return try JSONResponse.make(view, status: replayed ? .ok : .created, headers: [.location: "/v1/broadcasts/\(view.id)"])
    }

    private func show(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        guard let view = try await APIError.mapping(self.logger, { try await self.broadcasts.find(id) }) else {
            throw APIError.notFound("broadcast \(id) not found")
        }
        return try JSONResponse.make(view)
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let limit = min(max(Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? 20, 1), 100)
        let views = try await APIError.mapping(self.logger) { try await self.broadcasts.latest(limit: limit) }
        return try JSONResponse.make(["broadcasts": views])
    }
}
