import CaseStore
import Foundation
import HotlineCrypto
import HotlineDomain
import Hummingbird
import Outbox
import Postgres

/// One-key response (一键响应): `POST /v1/broadcasts` stores a broadcast and emits ONE
/// `broadcast.created` event through the outbox, whatever the number of recipients; the
/// notifier fans it out to every grid worker in scope. `GET /v1/broadcasts/{id}` shows each
/// recipient's delivery and acknowledgement; `GET /v1/broadcasts` the latest with totals.
/// Roles `operator` and `admin`. `Idempotency-Key` makes a retried POST safe.
struct BroadcastsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The database, for this area's SQL (not behind a repository yet).
    let database: Database
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource

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
        let (view, replayed) = try await self.database.transaction { connection -> (BroadcastView?, Bool) in
            if let key,
                let earlier = try connection.query(
                    "SELECT id::text AS id, request_hash FROM broadcasts WHERE api_key_id = $1::uuid AND idempotency_key = $2",
                    [principal.keyId, key]
                ).first
            {
                guard try earlier.decode("request_hash", as: String?.self) == hash else {
                    throw APIError.conflict("idempotency_key_reused", "Idempotency-Key was used with another body")
                }
                return (try BroadcastView.load(try earlier.decode("id", as: String.self), on: connection), true)
            }
            let id = UUID().uuidString.lowercased()
            try connection.query(
                """
                INSERT INTO broadcasts (id, scope_kind, scope_code, text, require_ack, created_by, api_key_id, idempotency_key,
                    request_hash)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8, $9)
                """,
                [id, form.scope.level.rawValue, form.scope.code, form.text, form.requireAck, principal.name, principal.keyId, key, hash]
            )
            try Outbox.append(
                [
                    try OutboxMessage.event(
                        EventEnvelope(
                            type: .broadcastCreated, occurredAt: Date(),
                            data: .object([
                                "broadcastId": .string(id), "scope": try JSONValue(encoding: form.scope), "text": .string(form.text),
                                "requireAck": .bool(form.requireAck), "createdBy": .string(principal.name),
                                "expectedRecipients": .number(Double(form.recipients.count)),
                            ])
                        )
                    )
                ],
                on: connection
            )
            return (try BroadcastView.load(id, on: connection), false)
        }
        guard let view else { throw APIError.notFound("broadcast not found") }
        return try JSONResponse.make(view, status: replayed ? .ok : .created, headers: [.location: "/v1/broadcasts/\(view.id)"])
    }

    private func show(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        guard let view = try await self.database.transaction({ try BroadcastView.load(id, on: $0) }) else {
            throw APIError.notFound("broadcast \(id) not found")
        }
        return try JSONResponse.make(view)
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let limit = min(max(Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? 20, 1), 100)
        let views = try await self.database.transaction { connection in
            try connection.query("SELECT id::text AS id FROM broadcasts ORDER BY created_at DESC LIMIT $1", [limit]).compactMap {
                try BroadcastView.load(try $0.decode("id", as: String.self), withRecipients: false, on: connection)
            }
        }
        return try JSONResponse.make(["broadcasts": views])
    }
}
