import Foundation
import Postgres

/// ``KeyRepository`` on PostgreSQL.
public struct PostgresKeyRepository: KeyRepository {
    let pool: PostgresPool

    /// Keys in `pool`'s database.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    static let columns = "id::text AS id, name, role, department, grid, community, volunteer, expires_at, created_at, revoked_at, key_hash"

    public func active(digest: String) async throws -> StoredKey? {
        try await self.pool.withConnection { connection in
            try connection.query(
                """
                SELECT \(Self.columns)
                FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                """,
                [digest]
            ).first.map(Self.key)
        }
    }

    public func insert(_ key: StoredKey) async throws {
        try await self.pool.transaction { try Self.insert(key, on: $0) }
    }

    /// Inserts `key` on `connection` (the `intake keys create` command's transaction).
    public static func insert(_ key: StoredKey, on connection: PostgresConnection) throws {
        try connection.query(
            """
            INSERT INTO api_keys (id, name, role, department, grid, community, volunteer, expires_at, key_hash)
            VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [key.id, key.name, key.role, key.department, key.grid, key.community, key.volunteer, key.expiresAt, key.keyHash]
        )
    }

    public func all() async throws -> [StoredKey] {
        try await self.pool.withConnection { connection in
            try connection.query("SELECT \(Self.columns) FROM api_keys ORDER BY created_at, id").map(Self.key)
        }
    }

    public func revoke(id: String) async throws -> Bool {
        try await self.pool.withConnection { connection in
            try connection.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1::uuid AND revoked_at IS NULL RETURNING id", [id])
                .count == 1
        }
    }

    private static func key(_ row: PostgresRow) throws -> StoredKey {
        StoredKey(
            id: try row.decode("id", as: String.self), name: try row.decode("name", as: String.self),
            role: try row.decode("role", as: String.self), department: try row.decode("department", as: String?.self),
            grid: try row.decode("grid", as: String?.self), community: try row.decode("community", as: String?.self),
            volunteer: try row.decode("volunteer", as: String?.self), expiresAt: try row.decode("expires_at", as: Date?.self),
            createdAt: try row.decode("created_at", as: Date.self), revokedAt: try row.decode("revoked_at", as: Date?.self),
            keyHash: try row.decode("key_hash", as: String.self)
        )
    }
}
