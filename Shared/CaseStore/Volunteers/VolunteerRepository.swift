import Foundation
import HotlineDomain
import Postgres

/// What the volunteers' API needs from storage (CONTRACTS section 16): the ranking, one
/// volunteer with the tickets behind its points and its ledger, adding and changing volunteers,
/// good-deed awards, redemptions, and a secretary's assignment by hand.
public protocol VolunteerRepository: Sendable {
    /// The volunteers of `community` (all when nil), best balance first.
    func ranking(community: String?) async throws -> [VolunteerRecord]
    /// One volunteer with its points' tickets, ledger and observed households.
    func detail(code: String) async throws -> VolunteerDetail?
    /// Adds (`create`) or changes a volunteer; a create of an existing code is `VolunteerConflict`.
    func save(_ volunteer: Volunteer, create: Bool) async throws -> VolunteerRecord
    /// A good-deed award within the monthly cap.
    func award(
        _ code: String, deed: PointsLedgerRules.GoodDeed, points: Int, note: String?, byRole: String, byName: String
    ) async throws -> VolunteerLedger.Entry
    /// A redemption, refused beyond the balance.
    func redeem(_ code: String, points: Int, item: String?, note: String?, byRole: String, byName: String) async throws -> VolunteerLedger.Entry
    /// Gives a service order to `code` by hand; `community` (a secretary's) must be the ticket's.
    func assign(_ ticketId: String, to code: String, by name: String, community: String?) async throws -> CaseStore.Take
}

/// A create of a volunteer whose code exists.
public struct VolunteerConflict: Error, Sendable {
    public var code: String
}

/// One volunteer as `GET /v1/volunteers/{code}` shows it.
public struct VolunteerDetail: Sendable {
    /// The volunteer and its balance.
    public var record: VolunteerRecord
    /// Its place in its community's ranking (1 is the most points).
    public var rank: Int
    /// The service orders that earned points, newest first.
    public var tickets: [VolunteerLedger.Entry]
    /// Every change of its points, newest first.
    public var ledger: [VolunteerLedger.Entry]
    /// Households whose 专属观察员 it is.
    public var observes: [String]
}

/// The PostgreSQL implementation.
public struct PostgresVolunteerRepository: VolunteerRepository {
    let pool: PostgresPool
    let store: CaseStore
    let volunteers: VolunteerStore
    let ledger: VolunteerLedger

    /// A repository over `pool`, with the case store whose transitions a by-hand assignment uses.
    public init(pool: PostgresPool, store: CaseStore, rules: PointsLedgerRules = PointsLedgerRules()) {
        self.pool = pool
        self.store = store
        self.volunteers = VolunteerStore(timeZone: store.timeZone)
        self.ledger = VolunteerLedger(rules: rules, timeZone: store.timeZone)
    }

    public func ranking(community: String?) async throws -> [VolunteerRecord] {
        let volunteers = self.volunteers
        return try await self.pool.withConnection { try volunteers.ranking(community: community, on: $0) }
    }

    public func detail(code: String) async throws -> VolunteerDetail? {
        let (volunteers, ledger) = (self.volunteers, self.ledger)
        return try await self.pool.withConnection { connection -> VolunteerDetail? in
            guard let record = try volunteers.find(code: code, on: connection) else { return nil }
            let rank = try connection.query(
                "SELECT count(*)::int8 + 1 AS rank FROM volunteers WHERE community = $1 AND points > $2", [record.volunteer.community, record.points]
            ).first?.decode("rank", as: Int64.self) ?? 1
            let entries = try ledger.entries(of: code, on: connection)
            var record2 = record
            record2.volunteer.observes = try volunteers.observed(by: code, on: connection)
            return VolunteerDetail(
                record: record2, rank: Int(rank), tickets: entries.filter { $0.reason == "service" }, ledger: entries,
                observes: record2.volunteer.observes
            )
        }
    }

    public func save(_ volunteer: Volunteer, create: Bool) async throws -> VolunteerRecord {
        let volunteers = self.volunteers
        return try await self.pool.transaction { connection in
            let existing = try volunteers.find(code: volunteer.code, on: connection)
            if create, existing != nil { throw VolunteerConflict(code: volunteer.code) }
            if let clash = try volunteers.phoneClashes([volunteer], on: connection).first {
                throw CaseError.invalid(field: "phone", message: "already the phone of volunteer \(clash.code)")
            }
            _ = try volunteers.upsert([volunteer], on: connection)
            guard let saved = try volunteers.find(code: volunteer.code, on: connection) else { throw VolunteerConflict(code: volunteer.code) }
            return saved
        }
    }

    public func award(
        _ code: String, deed: PointsLedgerRules.GoodDeed, points: Int, note: String?, byRole: String, byName: String
    ) async throws -> VolunteerLedger.Entry {
        let ledger = self.ledger
        return try await self.pool.transaction {
            try ledger.award(code, deed: deed, points: points, note: note, byRole: byRole, byName: byName, on: $0)
        }
    }

    public func redeem(_ code: String, points: Int, item: String?, note: String?, byRole: String, byName: String) async throws -> VolunteerLedger.Entry {
        let ledger = self.ledger
        return try await self.pool.transaction {
            try ledger.redeem(code, points: points, item: item, note: note, byRole: byRole, byName: byName, on: $0)
        }
    }

    public func assign(_ ticketId: String, to code: String, by name: String, community: String?) async throws -> CaseStore.Take {
        let (store, volunteers) = (self.store, self.volunteers)
        return try await self.pool.transaction { connection in
            guard let volunteer = try volunteers.find(code: code, on: connection) else {
                throw CaseError.invalid(field: "volunteer", message: "unknown volunteer '\(code)'")
            }
            if let community {
                guard let ticket = try store.find(ticketId, on: connection), ticket.routing?.community == community else {
                    throw CaseError.notFound(ticketId)
                }
            }
            return try store.take(ticketId, volunteer: volunteer, byHand: name, on: connection)
        }
    }
}
