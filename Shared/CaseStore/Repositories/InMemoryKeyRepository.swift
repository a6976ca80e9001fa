import Foundation
import Synchronization

/// ``KeyRepository`` in memory, for router tests.
public final class InMemoryKeyRepository: KeyRepository {
    private let keys = Mutex<[StoredKey]>([])

    /// An empty table.
    public init() {}

    public func active(digest: String) async throws -> StoredKey? {
        self.keys.withLock { $0.first { $0.keyHash == digest && $0.state() == "active" } }
    }

    public func insert(_ key: StoredKey) async throws {
        self.keys.withLock { $0.append(key) }
    }

    public func all() async throws -> [StoredKey] {
        self.keys.withLock { $0 }
    }

    public func revoke(id: String) async throws -> Bool {
        self.keys.withLock { keys in
            guard let index = keys.firstIndex(where: { $0.id.lowercased() == id.lowercased() && $0.revokedAt == nil }) else { return false }
            keys[index].revokedAt = Date()
            return true
        }
    }
}
