import Foundation
import HotlineCrypto
import Postgres
import Synchronization

/// Roles a key can hold.
enum Role: String, Codable, Sendable, CaseIterable {
    case operator_ = "operator", department, admin, open311, grid
}

/// Who is calling, after authentication.
struct Principal: Sendable {
    var keyId: String
    var name: String
    var role: Role
    var department: String?
    /// The grid a grid worker's key is scoped to (role `grid`).
    var grid: String? = nil
}

/// API keys: created once and shown once, stored as SHA-256 digests, looked up through a
/// short-lived cache so the hot path does not query for every request.
final class APIKeys: Sendable {
    let pool: PostgresPool
    private let cache = Mutex<[String: (Principal?, ContinuousClock.Instant)]>([:])
    private let ttl: Duration = .seconds(5)

    init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Creates a key and returns its secret (never stored).
    static func create(role: Role, department: String?, grid: String? = nil, name: String, on connection: PostgresConnection) throws -> String {
        let secret = "hk_" + Hex.encode(SecureRandom.bytes(24))
        try connection.query(
            "INSERT INTO api_keys (id, name, role, department, grid, key_hash) VALUES ($1::uuid, $2, $3, $4, $5, $6)",
            [UUID().uuidString.lowercased(), name, role.rawValue, department, grid, SHA256Digest.hex(secret)]
        )
        return secret
    }

    /// The principal of `secret`, or nil when unknown or revoked.
    func principal(for secret: String) async throws -> Principal? {
        let digest = SHA256Digest.hex(secret)
        let now = ContinuousClock.now
        if let (principal, at) = self.cache.withLock({ $0[digest] }), now - at < self.ttl { return principal }
        let principal: Principal? = try await self.pool.withConnection { connection in
            guard
                let row = try connection.query(
                    "SELECT id::text AS id, name, role, department, grid, key_hash FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
                    [digest]
                ).first,
                ConstantTime.equals(Array(try row.decode("key_hash", as: String.self).utf8), Array(digest.utf8)),
                let role = Role(rawValue: try row.decode("role", as: String.self))
            else { return nil }
            return Principal(
                keyId: try row.decode("id", as: String.self), name: try row.decode("name", as: String.self), role: role,
                department: try row.decode("department", as: String?.self), grid: try row.decode("grid", as: String?.self)
            )
        }
        self.cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[digest] = (principal, now)
        }
        return principal
    }
}
