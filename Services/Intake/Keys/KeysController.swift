import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// `POST/GET/DELETE /v1/keys` (admin): keys over HTTP, beside `intake keys create`.
///
/// A new key's secret is in the 201 answer and nowhere else (it is stored as a digest). A
/// deletion revokes at once: the next request with the key is 401 and its open event streams
/// on this instance close (on other instances within a few seconds, see ``LiveEventsController``).
struct KeysController: Sendable {
    /// Who calls (an admin), and the keys themselves (``Authenticator/keys``).
    let auth: Authenticator
    /// The current jurisdiction, against which scope codes are checked.
    let jurisdiction: any JurisdictionSource
    /// The open event streams, closed when their key is revoked.
    let live: LiveEvents
    /// Where creations and revocations are logged.
    let logger: Logger

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
        let principal = try await self.auth.require(request, [.admin])
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
        let snapshot = try? await self.jurisdiction.snapshot()
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
        let created = try await APIError.mapping(self.logger) { try await self.auth.keys.create(scope, name: name) }
        self.logger.info("api key created", metadata: ["key_id": "\(created.id)", "role": "\(scope.role.rawValue)", "by": "\(principal.keyId)"])
        let view = KeyView(
            id: created.id, name: name, role: scope.role.rawValue, department: scope.department, grid: scope.grid,
            community: scope.community, volunteer: scope.volunteer, expiresAt: scope.expiresAt, createdAt: Date(), revokedAt: nil,
            state: "active", key: created.secret
        )
        return try JSONResponse.make(view, status: .created, headers: [.location: "/v1/keys/\(created.id)"])
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.admin])
        let now = Date()
        let keys = try await APIError.mapping(self.logger) { try await self.auth.keys.repository.all() }.map { key in
            KeyView(
                id: key.id, name: key.name, role: key.role, department: key.department, grid: key.grid, community: key.community,
                volunteer: key.volunteer, expiresAt: key.expiresAt, createdAt: key.createdAt, revokedAt: key.revokedAt,
                state: key.state(at: now), key: nil
            )
        }
        struct Page: Encodable { var keys: [KeyView] }
        return try JSONResponse.make(Page(keys: keys))
    }

    private func revoke(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin])
        guard UUID(uuidString: id) != nil else { throw APIError.notFound("key \(id) not found") }
        let revoked = try await APIError.mapping(self.logger) { try await self.auth.keys.revoke(id) }
        guard revoked else { throw APIError.notFound("no active key \(id)") }
        self.live.close(keyId: id)
        self.logger.info("api key revoked", metadata: ["key_id": "\(id)", "by": "\(principal.keyId)"])
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }
}
