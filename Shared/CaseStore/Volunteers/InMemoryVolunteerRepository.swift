import Foundation
import HotlineDomain
import Synchronization

/// ``VolunteerRepository`` in memory, for router tests: volunteers, their ledger and the
/// service orders a test adds (``put(order:)``), with ``PointsLedgerRules`` and
/// ``VolunteerOffer`` deciding as they do for ``PostgresVolunteerRepository``.
public final class InMemoryVolunteerRepository: VolunteerRepository {
    private struct State {
        var volunteers: [String: VolunteerRecord] = [:]
        var ledger: [VolunteerLedger.Entry] = []
        var orders: [String: Ticket] = [:]
    }

    private let state = Mutex(State())
    private let rules: PointsLedgerRules

    /// An empty repository applying `rules`.
    public init(rules: PointsLedgerRules = PointsLedgerRules()) {
        self.rules = rules
    }

    /// Adds a service order (a ticket whose handler is `volunteer`) a secretary may assign.
    public func put(order: Ticket) {
        self.state.withLock { $0.orders[order.id] = order }
    }

    public func ranking(community: String?) async throws -> [VolunteerRecord] {
        self.state.withLock { state in
            state.volunteers.values.filter { community == nil || $0.volunteer.community == community }
                .sorted { ($1.points, $0.volunteer.code) < ($0.points, $1.volunteer.code) }
        }
    }

    public func detail(code: String) async throws -> VolunteerDetail? {
        self.state.withLock { state in
            guard let record = state.volunteers[code] else { return nil }
            let rank = state.volunteers.values.count { $0.volunteer.community == record.volunteer.community && $0.points > record.points } + 1
            let entries = state.ledger.filter { $0.volunteer == code }.reversed()
            return VolunteerDetail(
                record: record, rank: rank, tickets: entries.filter { $0.reason == "service" }, ledger: Array(entries),
                observes: record.volunteer.observes
            )
        }
    }

    public func save(_ volunteer: Volunteer, create: Bool) async throws -> VolunteerRecord {
        try self.state.withLock { state in
            let existing = state.volunteers[volunteer.code]
            if create, existing != nil { throw VolunteerConflict(code: volunteer.code) }
            if let clash = state.volunteers.values.first(where: { $0.volunteer.phone == volunteer.phone && $0.volunteer.code != volunteer.code }) {
                throw CaseError.invalid(field: "phone", message: "already the phone of volunteer \(clash.volunteer.code)")
            }
            let record = VolunteerRecord(volunteer: volunteer, points: existing?.points ?? 0)
            state.volunteers[volunteer.code] = record
            return record
        }
    }

    public func award(
        _ code: String, deed: PointsLedgerRules.GoodDeed, points: Int, note: String?, byRole: String, byName: String
    ) async throws -> VolunteerLedger.Entry {
        try self.state.withLock { state in
            guard let record = state.volunteers[code] else { throw VolunteerLedger.Failure.unknownVolunteer(code) }
            let month = Calendar(identifier: .gregorian).dateComponents([.year, .month], from: Date())
            let awarded = state.ledger.filter {
                $0.volunteer == code && $0.reason == "good_deed" && Calendar(identifier: .gregorian).dateComponents([.year, .month], from: $0.at) == month
            }.reduce(0) { $0 + $1.delta }
            let next: Int
            do throws(PointsLedgerRules.Refusal) { next = try self.rules.award(points, note: note, balance: record.points, awardedThisMonth: awarded) } catch {
                throw VolunteerLedger.Failure.refused(error)
            }
            return Self.append(
                &state, code, delta: points, balance: next, reason: .goodDeed, deed: deed.rawValue, item: nil, note: note, byRole: byRole,
                byName: byName
            )
        }
    }

    public func redeem(_ code: String, points: Int, item: String?, note: String?, byRole: String, byName: String) async throws -> VolunteerLedger.Entry {
        try self.state.withLock { state in
            guard let record = state.volunteers[code] else { throw VolunteerLedger.Failure.unknownVolunteer(code) }
            let next: Int
            do throws(PointsLedgerRules.Refusal) { next = try self.rules.redeem(points, item: item, balance: record.points) } catch { throw VolunteerLedger.Failure.refused(error) }
            return Self.append(
                &state, code, delta: -points, balance: next, reason: .redemption, deed: nil, item: item, note: note, byRole: byRole, byName: byName
            )
        }
    }

    public func assign(_ ticketId: String, to code: String, by name: String, community: String?) async throws -> CaseStore.Take {
        try self.state.withLock { state in
            guard let volunteer = state.volunteers[code] else { throw CaseError.invalid(field: "volunteer", message: "unknown volunteer '\(code)'") }
            guard var ticket = state.orders[ticketId] ?? state.orders.values.first(where: { $0.number == ticketId }) else {
                throw CaseError.notFound(ticketId)
            }
            if let community, ticket.routing?.community != community { throw CaseError.notFound(ticketId) }
            guard ticket.handler == .volunteer else {
                throw CaseError.invalid(field: "ticket", message: "not a service order of the volunteers' menu")
            }
            guard ticket.routing?.community == volunteer.volunteer.community else {
                throw CaseError.invalid(field: "volunteer", message: "the volunteer serves another community")
            }
            let outcome = VolunteerOffer(status: ticket.status, taker: ticket.volunteer, offeredTo: []).take(by: code, byHand: true)
            if outcome.wins {
                (ticket.volunteer, ticket.status) = (code, .accepted)
                state.orders[ticket.id] = ticket
            }
            return CaseStore.Take(ticket: ticket, outcome: outcome, others: [])
        }
    }

    /// Appends a ledger row and sets the balance.
    private static func append(
        _ state: inout State, _ code: String, delta: Int, balance: Int, reason: PointsLedgerRules.Reason, deed: String?, item: String?,
        note: String?, byRole: String, byName: String
    ) -> VolunteerLedger.Entry {
        let entry = VolunteerLedger.Entry(
            id: Int64(state.ledger.count + 1), volunteer: code, delta: delta, balance: balance, reason: reason.rawValue, deed: deed, item: item,
            note: note, ticketId: nil, ticketNumber: nil, byRole: byRole, byName: byName, at: Date()
        )
        state.ledger.append(entry)
        state.volunteers[code]?.points = balance
        return entry
    }
}
