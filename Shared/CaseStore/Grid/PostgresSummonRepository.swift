import Foundation
import HotlineDomain
import Postgres

/// ``SummonRepository`` on PostgreSQL: the case store's summon in one transaction.
public struct PostgresSummonRepository: SummonRepository {
    let pool: PostgresPool
    let store: CaseStore

    /// A repository over `pool`, applying `store`'s transitions.
    public init(pool: PostgresPool, store: CaseStore) {
        self.pool = pool
        self.store = store
    }

    public func summon(
        _ id: String, departments: [String], by name: String, community: String?, note: String?, using snapshot: JurisdictionSnapshot
    ) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction {
            try store.summon(id, departments: departments, by: name, community: community, note: note, using: snapshot, on: $0)
        }
    }
}
