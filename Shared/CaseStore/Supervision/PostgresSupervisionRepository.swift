import Foundation
import HotlineDomain
import Postgres

/// ``SupervisionRepository`` on PostgreSQL: the ``CaseStore``'s operations, each in its own
/// transaction.
public struct PostgresSupervisionRepository: SupervisionRepository {
    let pool: PostgresPool
    let store: CaseStore

    /// Supervision in `pool`'s database.
    public init(pool: PostgresPool, store: CaseStore) {
        self.pool = pool
        self.store = store
    }

    public func requestExtension(_ id: String, until: Date, reason: String, by actor: String, party: String?) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.requestExtension(id, until: until, reason: reason, by: actor, party: party, on: $0) }
    }

    public func decideExtension(_ id: String, approve: Bool, note: String?, by actor: String) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.decideExtension(id, approve: approve, note: note, by: actor, on: $0) }
    }

    public func requestPause(_ id: String, reason: String, by actor: String, party: String?) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.requestPause(id, reason: reason, by: actor, party: party, on: $0) }
    }

    public func decidePause(_ id: String, approve: Bool, note: String?, by actor: String) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.decidePause(id, approve: approve, note: note, by: actor, on: $0) }
    }

    public func resume(_ id: String, by actor: String, party: String?) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.resume(id, by: actor, party: party, on: $0) }
    }

    public func rejectReturn(_ id: String, reason: String, by actor: String) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.rejectReturn(id, reason: reason, by: actor, on: $0) }
    }

    public func verifyRating(_ id: String, score: RatingScore, note: String?, by actor: String) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.verifyRating(id, score: score, note: note, by: actor, on: $0) }
    }
}
