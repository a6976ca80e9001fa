import Foundation
import HotlineDomain
import Postgres

/// ``HouseholdRepository`` on PostgreSQL: ``HouseholdStore``'s operations with their audit
/// records, each request in one transaction.
public struct PostgresHouseholdRepository: HouseholdRepository {
    let pool: PostgresPool
    /// Opens the tickets of visits.
    let store: CaseStore
    let households: HouseholdStore

    /// The registry in `pool`'s database.
    public init(pool: PostgresPool, store: CaseStore, households: HouseholdStore) {
        self.pool = pool
        self.store = store
        self.households = households
    }

    public func list(_ filter: HouseholdStore.Filter, by reader: HouseholdReader, action: String, audit: [String: String]) async throws
        -> [HouseholdRecord]
    {
        let store = self.households
        return try await self.pool.transaction { connection in
            let records = try store.list(filter, on: connection)
            try Self.recordSearch(reader, action: action, filter: audit, rows: records.count, on: connection)
            return records
        }
    }

    /// Records who listed or searched households, with which filter, and how many rows came back.
    static func recordSearch(
        _ reader: HouseholdReader, action: String, filter: [String: String], rows: Int, on connection: PostgresConnection
    ) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: filter, options: [.sortedKeys]), as: UTF8.self)
        try connection.query(
            "INSERT INTO household_searches (actor, role, key_id, action, filter, rows) VALUES ($1, $2, $3::uuid, $4, $5::jsonb, $6)",
            [reader.name, reader.role, reader.keyId, action, json, rows]
        )
    }

    /// The household, if visible within `grids` (nil: all).
    static func record(_ code: String, within grids: [String]?, _ store: HouseholdStore, on connection: PostgresConnection) throws -> HouseholdRecord? {
        guard let record = try store.find(code, on: connection), grids?.contains(record.household.grid) ?? true else { return nil }
        return record
    }

    public func file(_ code: String, within grids: [String]?, by reader: HouseholdReader) async throws -> HouseholdFile? {
        let store = self.households
        return try await self.pool.transaction { connection -> HouseholdFile? in
            guard let record = try Self.record(code, within: grids, store, on: connection) else { return nil }
            try store.recordRead(code, actor: reader.name, role: reader.role, keyId: reader.keyId, on: connection)
            var file = HouseholdFile(record: record)
            file.visits = try HouseholdVisits().recent(of: code, on: connection)
            file.checkins = try HouseholdCheckins().recent(of: code, on: connection)
            file.tickets = try connection.query(
                """
                SELECT id::text AS id, number, status, category, created_at FROM tickets WHERE household = $1
                ORDER BY created_at DESC LIMIT 20
                """,
                [code]
            ).map { row in
                HouseholdFile.TicketLine(
                    id: try row.decode("id", as: String.self), number: try row.decode("number", as: String.self),
                    status: try row.decode("status", as: String.self), category: try row.decode("category", as: String?.self),
                    createdAt: try row.decode("created_at", as: Date.self)
                )
            }
            file.history = try store.history(of: code, on: connection)
            return file
        }
    }

    public func colour(_ code: String, by reader: HouseholdReader) async throws -> HouseholdColour? {
        let store = self.households
        return try await self.pool.transaction { connection -> HouseholdColour? in
            guard let record = try store.find(code, on: connection) else { return nil }
            try store.recordRead(code, actor: reader.name, role: reader.role, keyId: reader.keyId, on: connection)
            return record.colour
        }
    }

    public func reads(of code: String) async throws -> [HouseholdStore.Read]? {
        let store = self.households
        return try await self.pool.transaction { connection -> [HouseholdStore.Read]? in
            guard try store.find(code, on: connection) != nil else { return nil }
            return try store.reads(of: code, on: connection)
        }
    }

    public func export(by actor: String) async throws -> [Household] {
        let store = self.households
        return try await self.pool.transaction { connection -> [Household] in
            var all: [Household] = []
            var after: String?
            repeat {
                let page = try store.list(.init(after: after, limit: 500), on: connection)
                all += page.map(\.household)
                after = page.count == 500 ? page.last?.household.code : nil
            } while after != nil
            try store.record([(household: "*", action: "exported", detail: ["households": .number(Double(all.count))])], actor: actor, on: connection)
            return all
        }
    }

    public func update(_ household: Household, rules: HouseholdRules, within grids: [String]?, by actor: String) async throws -> HouseholdRecord? {
        let store = self.households
        return try await self.pool.transaction { connection -> HouseholdRecord? in
            // Another grid's household is not there for this key (404) before anything else.
            guard try Self.record(household.code, within: grids, store, on: connection) != nil else { return nil }
            if let grids, !grids.contains(household.grid) { throw HouseholdOutsideGrids() }
            return try store.update(household, rules: rules, actor: actor, on: connection)
        }
    }

    public func overrideColour(_ code: String, colour: HouseholdColour?, reason: String, by actor: String) async throws -> HouseholdRecord? {
        let store = self.households
        return try await self.pool.transaction { connection -> HouseholdRecord? in
            guard try store.find(code, on: connection) != nil else { return nil }
            return try store.overrideColour(code, colour: colour, reason: reason, actor: actor, on: connection)
        }
    }

    public func visit(_ code: String, _ visit: HouseholdVisitReport, within grids: [String]?, recordedBy actor: String) async throws
        -> (visit: HouseholdVisits.Visit, ticket: Ticket?)?
    {
        let (store, households) = (self.store, self.households)
        return try await self.pool.transaction { connection -> (visit: HouseholdVisits.Visit, ticket: Ticket?)? in
            guard let record = try Self.record(code, within: grids, households, on: connection) else { return nil }
            let ticket = try visit.newTicket(at: record.household).map { try store.create($0, promisedBy: nil, on: connection) }
            if let ticket { try households.attach(ticket: ticket.id, to: code, on: connection) }
            let recorded = try HouseholdVisits().record(
                household: code, visitor: visit.visitor, visitedAt: visit.visitedAt, findings: visit.findings, ticketId: ticket?.id,
                recordedBy: actor, on: connection
            )
            try households.record(
                [(household: code, action: "visited", detail: ["visitor": .string(visit.visitor), "ticket": ticket.map { .string($0.number) } ?? .null])],
                actor: actor, on: connection
            )
            return (recorded, ticket)
        }
    }

    public func overdueVisits(grids: [String]?, visitEvery: [HouseholdColour: ISODuration], at now: Date) async throws -> [HouseholdVisits.Due] {
        try await self.pool.transaction { try HouseholdVisits().overdue(grids: grids, visitEvery: visitEvery, at: now, on: $0) }
    }
}
