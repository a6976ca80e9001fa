import Foundation
import Hummingbird

/// Resolves `Authorization: Bearer <key>` to a principal and enforces roles.
struct Authenticator: Sendable {
    let keys: APIKeys

    /// The caller, who must hold one of `roles`; 401 without a valid (unrevoked, unexpired) key,
    /// 403 outside the roles.
    func require(_ request: Request, _ roles: Set<Role>) async throws -> Principal {
        guard let secret = Self.bearer(request), let principal = try await self.keys.principal(for: secret) else {
            throw APIError.unauthorized
        }
        guard roles.contains(principal.role) else {
            throw APIError.forbidden("role \(principal.role.rawValue) may not do this (needs \(roles.map(\.rawValue).sorted().joined(separator: " or ")))")
        }
        return principal
    }

    /// The caller if the request carries a valid key, else nil (public access).
    func optional(_ request: Request, secret: String? = nil) async throws -> Principal? {
        guard let secret = secret ?? Self.bearer(request) else { return nil }
        return try await self.keys.principal(for: secret)
    }

    /// The bearer token of `request`, if any.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        let secret = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }
}
