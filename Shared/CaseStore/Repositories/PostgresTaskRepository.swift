import Foundation
import HotlineDomain
import Postgres

/// ``TaskRepository`` on PostgreSQL: the ``CaseStore``'s replies, each in its own transaction.
public struct PostgresTaskRepository: TaskRepository {
    let pool: PostgresPool
    let store: CaseStore

    /// Tasks in `pool`'s database.
    public init(pool: PostgresPool, store: CaseStore) {
        self.pool = pool
        self.store = store
    }

    public func openTasks(ofDepartment department: String) async throws -> [Ticket] {
        try await self.pool.transaction { connection in
            try CaseStore.tickets(
                try connection.query(
                    """
                    SELECT \(CaseStore.ticketColumns) FROM tickets
                    WHERE departments @> ARRAY[$1::text] AND status IN ('assigned', 'accepted')
                    ORDER BY resolve_by NULLS LAST, created_at LIMIT 500
                    """,
                    [department]
                )
            )
        }
    }

    public func openTasks(of party: GridParty) async throws -> [Ticket] {
        let store = self.store
        return try await self.pool.transaction { try store.openTasks(of: party, on: $0) }
    }

    public func reply(_ id: String, action: ReplyAction, department: String, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction {
            try store.reply(id, action: action, actor: department, note: note, using: snapshot, on: $0)
        }
    }

    public func reply(_ id: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction {
            try store.reply(id, action: action, party: party, note: note, using: snapshot, on: $0)
        }
    }

    public func openTasks(ofVolunteer code: String) async throws -> [Ticket] {
        let store = self.store
        return try await self.pool.transaction { try store.volunteerTasks(code, on: $0) }
    }

    public func reply(_ id: String, action: ReplyAction, volunteer code: String, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { connection in
            guard let volunteer = try VolunteerStore(timeZone: store.timeZone).find(code: code, on: connection) else {
                throw CaseError.notFound(id)
            }
            let mine = try store.find(id, on: connection).map { $0.volunteer == code } ?? false
            guard action == .accept, !mine else {
                return try store.volunteerReply(id, action: action, volunteer: volunteer, note: note, using: snapshot, on: connection)
            }
            let take = try store.take(id, volunteer: volunteer, on: connection)
            switch take.outcome {
            case .taken, .alreadyYours: return take.ticket
            case .takenByOther: throw CaseError.refused(code: "already_taken", message: "another volunteer took this order first")
            case .notOffered: throw CaseError.notFound(id)
            case .closed(let status): throw CaseError.illegal(action: "take", status: status)
            }
        }
    }

    public func reassign(
        _ id: String, toGrid grid: String, community: String, by actor: String, note: String?, using snapshot: JurisdictionSnapshot
    ) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction {
            try store.reassign(id, toGrid: grid, community: community, by: actor, note: note, using: snapshot, on: $0)
        }
    }
}
