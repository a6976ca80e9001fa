import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging
import Postgres

/// `POST/GET/DELETE /v1/keys` (admin): keys over HTTP, beside `intake keys create`.
///
/// A new key's secret is in the 201 answer and nowhere else (it is stored as a digest). A
/// deletion revokes at once: the next request with the key is 401 and its open event streams
/// on this instance close (on other instances within a few seconds, see ``LiveEventsController``).
struct KeysController: Sendable {
    let tickets: TicketsController
    let live: LiveEvents

    /// One key as listed (never its secret).
    struct KeyView: Encodable {
        var id: String
        var name: String
        var role: String
        var department: String?
        var grid: String?
        var community: String?
        var volunteer: String?
        var expiresAt: Date?
        var createdAt: Date
        var revokedAt: Date?
        /// `active`, `expired` or `revoked`.
        var state: String
        /// Shown once, in the answer to the key's creation.
        var key: String?
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/keys") { request, _ in try await self.create(request) }
        router.get("v1/keys") { request, _ in try await self.list(request) }
        router.delete("v1/keys/:id") { request, context in try await self.revoke(request, context.parameters.require("id")) }
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await self.tickets.auth.require(request, [.admin])
        let (_, body) = try await request.jsonObject(limit: 8 * 1024)
        var errors: [APIError.FieldError] = []
        func text(_ field: String) -> String? {
            guard let value = body[field], !(value is NSNull) else { return nil }
            guard let string = value as? String, !string.unicodeScalars.contains("\u{0}") else {
                errors.append(.init(field: field, message: "must be a string (without NUL)"))
                return nil
            }
            return string
        }
        let name = text("name")
        if name == nil || name?.trimmingCharacters(in: .whitespaces).isEmpty == true, !errors.contains(where: { $0.field == "name" }) {
            errors.append(.init(field: "name", message: "required: who holds the key"))
        } else if let name, name.count > KeyScope.maxLength {
            errors.append(.init(field: "name", message: "at most \(KeyScope.maxLength) characters"))
        }
        var expiresAt: Date?
        if let raw = text("expiresAt") {
            expiresAt = HotlineJSON.parseDate(raw)
            if expiresAt == nil { errors.append(.init(field: "expiresAt", message: "not an ISO 8601 date-time")) }
        }
        for field in body.keys where !["role", "name", "department", "grid", "community", "volunteer", "expiresAt"].contains(field) {
            errors.append(.init(field: field, message: "unknown field"))
        }
        let snapshot = try? await self.tickets.jurisdiction.snapshot()
        let (role, department, grid, community, volunteer) = (text("role"), text("department"), text("grid"), text("community"), text("volunteer"))
        let (scope, scopeErrors) = KeyScope.validate(
            role: role, department: department, grid: grid, community: community, volunteer: volunteer,
            expiresAt: expiresAt
        ) { field, code in
            guard let snapshot else { return true }
            switch field {
            case "department": return snapshot.department(code) != nil
            case "grid": return snapshot.jurisdiction.grids.contains { $0.code == code }
            case "community": return snapshot.jurisdiction.grids.contains { $0.community.code == code }
            default: return true
            }
        }
        errors += scopeErrors.filter { e in !errors.contains { $0.field == e.field } }.map { .init(field: $0.field, message: $0.message) }
        guard errors.isEmpty, let scope, let name else { throw APIError.badRequest(errors) }
        let created = try await self.tickets.database { try APIKeys.create(scope, name: name, on: $0) }
        self.tickets.logger.info("api key created", metadata: ["key_id": "\(created.id)", "role": "\(scope.role.rawValue)", "by": "\(principal.keyId)"])
        let view = KeyView(
            id: created.id, name: name, role: scope.role.rawValue, department: scope.department, grid: scope.grid,
            community: scope.community, volunteer: scope.volunteer, expiresAt: scope.expiresAt, createdAt: Date(), revokedAt: nil,
            state: "active", key: created.secret
        )
        return try JSONResponse.make(view, status: .created, headers: [.location: "/v1/keys/\(created.id)"])
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.tickets.auth.require(request, [.admin])
        let keys = try await self.tickets.database { connection in
            try connection.query(
                """
                SELECT id::text AS id, name, role, department, grid, community, volunteer, expires_at, created_at, revoked_at,
                       expires_at IS NOT NULL AND expires_at <= now() AS expired
                FROM api_keys ORDER BY created_at, id
                """
            ).map { row in
                let revokedAt = try row.decode("revoked_at", as: Date?.self)
                return KeyView(
                    id: try row.decode("id", as: String.self), name: try row.decode("name", as: String.self),
                    role: try row.decode("role", as: String.self), department: try row.decode("department", as: String?.self),
                    grid: try row.decode("grid", as: String?.self), community: try row.decode("community", as: String?.self),
                    volunteer: try row.decode("volunteer", as: String?.self), expiresAt: try row.decode("expires_at", as: Date?.self),
                    createdAt: try row.decode("created_at", as: Date.self), revokedAt: revokedAt,
                    state: revokedAt != nil ? "revoked" : (try row.decode("expired", as: Bool.self) ? "expired" : "active"), key: nil
                )
            }
        }
        struct Page: Encodable { var keys: [KeyView] }
        return try JSONResponse.make(Page(keys: keys))
    }

    private func revoke(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.tickets.auth.require(request, [.admin])
        guard UUID(uuidString: id) != nil else { throw APIError.notFound("key \(id) not found") }
        let revoked = try await self.tickets.mapErrors { try await self.tickets.auth.keys.revoke(id) }
        guard revoked else { throw APIError.notFound("no active key \(id)") }
        self.live.close(keyId: id)
        self.tickets.logger.info("api key revoked", metadata: ["key_id": "\(id)", "by": "\(principal.keyId)"])
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }
}
