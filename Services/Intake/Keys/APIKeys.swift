import Foundation
import HotlineCrypto
import Metrics
import Postgres
import Synchronization

/// API keys: created once and shown once, stored as SHA-256 digests, looked up through a
/// short-lived cache so the hot path does not query for every request.
///
/// Revocation on this instance takes effect at once (the cache entry goes); on another intake
/// instance within ``ttl`` (its cached entry expires). Expiry is checked on every use.
final class APIKeys: Sendable {
    let pool: PostgresPool
    private let cache = Mutex<[String: (principal: Principal?, at: ContinuousClock.Instant)]>([:])
    /// Digests of keys seen valid, so the rate limiter can charge them per key without a lookup.
    private let known = Mutex<[String: String]>([:])
    /// How long a lookup is trusted.
    let ttl: Duration = .seconds(2)
    private let lookups = Counter(label: "intake_api_key_lookups_total")

    init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A new key's record as created: its id and its secret (shown once, never stored).
    struct Created: Sendable {
        var id: String
        var secret: String
    }

    /// Creates a key and returns its id and secret (the secret is never stored).
    static func create(_ scope: KeyScope, name: String, on connection: PostgresConnection) throws -> Created {
        let secret = "hk_" + Hex.encode(SecureRandom.bytes(24))
        let id = UUID().uuidString.lowercased()
        try connection.query(
            """
            INSERT INTO api_keys (id, name, role, department, grid, community, volunteer, expires_at, key_hash)
            VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [id, name, scope.role.rawValue, scope.department, scope.grid, scope.community, scope.volunteer, scope.expiresAt,
             SHA256Digest.hex(secret)]
        )
        return Created(id: id, secret: secret)
    }

    /// The digest under which `secret` is stored.
    static func digest(_ secret: String) -> String { SHA256Digest.hex(secret) }

    /// Whether `digest` belongs to a key seen valid here (no database access): the rate limiter
    /// charges those per key and everything else per client address.
    func isKnown(digest: String) -> Bool {
        self.known.withLock { $0[digest] != nil }
    }

    /// The principal of `secret`, or nil when unknown, revoked or expired.
    func principal(for secret: String) async throws -> Principal? {
        try await self.principal(digest: Self.digest(secret))
    }

    /// The principal of a key digest, or nil when unknown, revoked or expired.
    func principal(digest: String) async throws -> Principal? {
        let now = ContinuousClock.now
        if let (principal, at) = self.cache.withLock({ $0[digest] }), now - at < self.ttl {
            return principal.flatMap { $0.isExpired ? nil : $0 }
        }
        self.lookups.increment()
        let principal: Principal? = try await self.pool.withConnection { connection in
            guard
                let row = try connection.query(
                    """
                    SELECT id::text AS id, name, role, department, grid, community, volunteer, expires_at, key_hash
                    FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                    """,
                    [digest]
                ).first,
                ConstantTime.equals(Array(try row.decode("key_hash", as: String.self).utf8), Array(digest.utf8)),
                let role = Role(rawValue: try row.decode("role", as: String.self))
            else { return nil }
            return Principal(
                keyId: try row.decode("id", as: String.self), name: try row.decode("name", as: String.self), role: role,
                department: try row.decode("department", as: String?.self), grid: try row.decode("grid", as: String?.self),
                community: try row.decode("community", as: String?.self), volunteer: try row.decode("volunteer", as: String?.self),
                expiresAt: try row.decode("expires_at", as: Date?.self)
            )
        }
        self.cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[digest] = (principal, now)
        }
        self.known.withLock { known in
            if let principal {
                if known.count > 100_000 { known.removeAll() }
                known[digest] = principal.keyId
            } else {
                known[digest] = nil
            }
        }
        return principal
    }

    /// Revokes key `id`; false when no active key has that id. This instance forgets it at once.
    func revoke(_ id: String) async throws -> Bool {
        let revoked = try await self.pool.withConnection { connection in
            try connection.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1::uuid AND revoked_at IS NULL RETURNING id", [id])
                .count == 1
        }
        self.forget(keyId: id)
        return revoked
    }

    /// Drops every cached lookup of key `keyId`.
    func forget(keyId: String) {
        self.cache.withLock { cache in
            for (digest, entry) in cache where entry.principal?.keyId == keyId { cache[digest] = nil }
        }
        self.known.withLock { known in
            for (digest, id) in known where id == keyId { known[digest] = nil }
        }
    }
}
