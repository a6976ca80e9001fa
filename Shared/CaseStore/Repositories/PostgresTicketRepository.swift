import Foundation
import HotlineDomain
import Postgres

/// ``TicketRepository`` on PostgreSQL: the ``CaseStore``'s operations, each in its own
/// transaction; creations without a key share a ``GroupCommit``.
public struct PostgresTicketRepository: TicketRepository {
    /// The pool the transactions run on.
    public let pool: PostgresPool
    /// The case operations.
    public let store: CaseStore
    let groupCommit: GroupCommit

    /// Tickets in `pool`'s database.
    public init(pool: PostgresPool, store: CaseStore) {
        self.pool = pool
        self.store = store
        self.groupCommit = GroupCommit(pool: pool, store: store)
    }

    public func create(_ new: NewTicket, promisedBy: Date?) async throws -> Ticket {
        try await self.groupCommit.create(new, promisedBy: promisedBy)
    }

    public func create(_ new: NewTicket, promisedBy: Date?, idempotency: IdempotencyKey) async throws -> (ticket: Ticket, replayed: Bool) {
        let store = self.store
        do {
            return try await self.pool.transaction { connection -> (Ticket, Bool) in
                if let earlier = try Self.earlier(idempotency, store, on: connection) { return (earlier, true) }
                let ticket = try store.create(new, promisedBy: promisedBy, on: connection)
                try Self.remember(idempotency, ticket: ticket.id, on: connection)
                return (ticket, false)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            // A concurrent retry with the same key won the race: answer with its ticket.
            let ticket = try await self.pool.transaction { try Self.earlier(idempotency, store, on: $0) }
            guard let ticket else { throw error }
            return (ticket, true)
        }
    }

    /// The ticket an earlier request with this key created; ``IdempotencyKey/reused`` if that
    /// request had another body.
    public static func earlier(_ key: IdempotencyKey, _ store: CaseStore, on connection: PostgresConnection) throws -> Ticket? {
        guard
            let row = try connection.query(
                "SELECT request_hash, ticket_id::text AS ticket_id FROM idempotency_keys WHERE api_key_id = $1::uuid AND key = $2",
                [key.apiKeyId, key.key]
            ).first
        else { return nil }
        guard try row.decode("request_hash", as: String.self) == key.requestHash else { throw IdempotencyKey.reused }
        return try store.find(try row.decode("ticket_id", as: String.self), on: connection)
    }

    /// Records that `key` created `ticket`.
    public static func remember(_ key: IdempotencyKey, ticket: String, on connection: PostgresConnection) throws {
        try connection.query(
            "INSERT INTO idempotency_keys (api_key_id, key, request_hash, ticket_id) VALUES ($1::uuid, $2, $3, $4::uuid)",
            [key.apiKeyId, key.key, key.requestHash, ticket]
        )
    }

    public func promise(_ new: NewTicket, using snapshot: JurisdictionSnapshot) async throws -> Date? {
        // The database is read only when a household could raise the urgency.
        guard new.mayComeFromHousehold(in: snapshot) else { return new.promisedResolveBy(using: snapshot, household: nil) }
        let timeZone = self.store.timeZone
        return try await self.pool.withConnection { try new.promisedResolveBy(using: snapshot, timeZone: timeZone, on: $0) }
    }

    public func find(_ idOrNumber: String) async throws -> (ticket: Ticket, attachments: [Attachment])? {
        let store = self.store
        return try await self.pool.transaction { connection -> (Ticket, [Attachment])? in
            guard let ticket = try store.find(idOrNumber, withHistory: true, on: connection) else { return nil }
            return (ticket, try store.attachments(of: ticket.id, on: connection))
        }
    }

    public func list(_ filter: TicketFilter) async throws -> TicketPage {
        try await self.pool.transaction { try filter.run(on: $0) }
    }

    public func dispatch(_ id: String, grid: String?, department: String?, by actor: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction {
            try store.dispatch(id, grid: grid, department: department, operator: actor, using: snapshot, on: $0)
        }
    }

    public func rate(_ id: String, score: RatingScore, reason: String?, source: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.rate(id, score: score, reason: reason, source: source, using: snapshot, on: $0) }
    }

    public func cancel(_ id: String, reason: String?, by actor: String) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.cancel(id, reason: reason, by: actor, on: $0) }
    }

    public func unlink(_ id: String, by actor: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { try store.unlink(id, by: actor, using: snapshot, on: $0) }
    }
}
