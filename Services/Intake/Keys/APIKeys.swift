import Foundation
import HotlineCrypto
import Metrics
import CaseStore
import Synchronization

/// API keys: created once and shown once, stored as SHA-256 digests, looked up through a
/// short-lived cache so the hot path does not query for every request.
///
/// Revocation on this instance takes effect at once (the cache entry goes); on another intake
/// instance within ``ttl`` (its cached entry expires). Expiry is checked on every use.
final class APIKeys: Sendable {
    /// Where the keys are stored.
    let repository: any KeyRepository
    private let cache = Mutex<[String: (principal: Principal?, at: ContinuousClock.Instant)]>([:])
    /// Digests of keys seen valid, so the rate limiter can charge them per key without a lookup.
    private let known = Mutex<[String: String]>([:])
    /// How long a lookup is trusted.
    let ttl: Duration = .seconds(2)
    private let lookups = Counter(label: "intake_api_key_lookups_total")

    /// Keys of `repository`.
    init(_ repository: any KeyRepository) {
        self.repository = repository
    }

    /// A new key's record as created: its id and its secret (shown once, never stored).
    struct Created: Sendable {
        var id: String
        var secret: String
    }

    /// A new key for `scope` held by `name`: its record to store, and its secret (shown once).
    static func make(_ scope: KeyScope, name: String) -> (key: StoredKey, created: Created) {
        let secret = "hk_" + Hex.encode(SecureRandom.bytes(24))
        let id = UUID().uuidString.lowercased()
        let key = StoredKey(
            id: id, name: name, role: scope.role.rawValue, department: scope.department, grid: scope.grid, community: scope.community,
            volunteer: scope.volunteer, expiresAt: scope.expiresAt, keyHash: Self.digest(secret)
        )
        return (key, Created(id: id, secret: secret))
    }

    /// Creates a key and returns its id and secret (the secret is never stored).
    func create(_ scope: KeyScope, name: String) async throws -> Created {
        let (key, created) = Self.make(scope, name: name)
        try await self.repository.insert(key)
        return created
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
        let principal = try await self.repository.active(digest: digest).flatMap { key -> Principal? in
            guard ConstantTime.equals(Array(key.keyHash.utf8), Array(digest.utf8)), let role = Role(rawValue: key.role) else { return nil }
            return Principal(
                keyId: key.id, name: key.name, role: role, department: key.department, grid: key.grid, community: key.community,
                volunteer: key.volunteer, expiresAt: key.expiresAt
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
        let revoked = try await self.repository.revoke(id: id)
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
