import Foundation
import Hummingbird

/// Resolves `Authorization: Bearer <key>` to a principal and enforces roles.
struct Authenticator: Sendable {
    let keys: APIKeys

    /// The caller, who must hold one of `roles`; 401 without a valid key, 403 outside the roles.
    func require(_ request: Request, _ roles: Set<Role>) async throws -> Principal {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw APIError.unauthorized }
        let secret = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard !secret.isEmpty, let principal = try await self.keys.principal(for: secret) else { throw APIError.unauthorized }
        guard roles.contains(principal.role) else {
            throw APIError.forbidden("role \(principal.role.rawValue) may not do this (needs \(roles.map(\.rawValue).sorted().joined(separator: " or ")))")
        }
        return principal
    }
}
