import Foundation

/// The `api_keys` table: intake's keys, looked up by the digest of their secret.
public protocol KeyRepository: Sendable {
    /// The unrevoked, unexpired key whose secret has this digest.
    func active(digest: String) async throws -> StoredKey?
    /// Stores a new key.
    func insert(_ key: StoredKey) async throws
    /// Every key, oldest first.
    func all() async throws -> [StoredKey]
    /// Revokes key `id`; false when no active key has that id.
    func revoke(id: String) async throws -> Bool
}
