import Foundation
import HotlineDomain
import Synchronization

/// ``TicketRepository`` and ``TaskRepository`` in memory, for router tests: tickets are kept in
/// a dictionary and moved through ``TicketLifecycle`` as the store would, without routing
/// (a test sets a ticket's status and routing with ``put(_:)``).
public final class InMemoryCases: TicketRepository, TaskRepository {
    private struct State {
        var tickets: [String: Ticket] = [:]
        var idempotency: [String: (hash: String, ticket: String)] = [:]
        var sequence = 0
    }

    private let state = Mutex(State())

    /// No tickets.
    public init() {}

    /// Stores `ticket` as it is (a test's fixture).
    public func put(_ ticket: Ticket) {
        self.state.withLock { $0.tickets[ticket.id] = ticket }
    }

    /// Every ticket held, newest first.
    public var tickets: [Ticket] {
        self.state.withLock { Array($0.tickets.values) }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    public func create(_ new: NewTicket, promisedBy: Date?) async throws -> Ticket {
        try self.state.withLock { try Self.insert(new, into: &$0) }
    }

    public func create(_ new: NewTicket, promisedBy: Date?, idempotency: IdempotencyKey) async throws -> (ticket: Ticket, replayed: Bool) {
        try self.state.withLock { state in
            let key = idempotency.apiKeyId + "\u{0}" + idempotency.key
            if let (hash, id) = state.idempotency[key] {
                guard hash == idempotency.requestHash else { throw IdempotencyKey.reused }
                if let earlier = state.tickets[id] { return (earlier, true) }
            }
            let ticket = try Self.insert(new, into: &state)
            state.idempotency[key] = (idempotency.requestHash, ticket.id)
            return (ticket, false)
        }
    }

    public func promise(_ new: NewTicket, using snapshot: JurisdictionSnapshot) async throws -> Date? {
        new.promisedResolveBy(using: snapshot, household: nil)
    }

    public func find(_ idOrNumber: String) async throws -> (ticket: Ticket, attachments: [Attachment])? {
        self.state.withLock { state in
            let ticket = state.tickets[idOrNumber.lowercased()] ?? state.tickets.values.first { $0.number == idOrNumber }
            return ticket.map { (ticket: $0, attachments: []) }
        }
    }

    public func list(_ filter: TicketFilter) async throws -> TicketPage {
        let matching = self.tickets.filter { ticket in
            (filter.status.map { $0 == ticket.status } ?? true) && (filter.grid.map { $0 == ticket.grid } ?? true)
                && (filter.department.map { code in ticket.routing?.departments.contains { $0.code == code } ?? false } ?? true)
                && (filter.from.map { ticket.createdAt >= $0 } ?? true) && (filter.to.map { ticket.createdAt < $0 } ?? true)
                && (!filter.major || ticket.major != nil)
        }
        return TicketPage(tickets: Array(matching.prefix(filter.limit)), nextCursor: nil)
    }

    public func dispatch(_ id: String, grid: String?, department: String?, by actor: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        guard grid != nil || department != nil else { throw CaseError.invalid(field: "grid", message: "name a grid or a department") }
        return try self.apply(.manualDispatch, "dispatch", to: id)
    }

    public func rate(_ id: String, score: RatingScore, reason: String?, source: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        try self.apply(.rate(score), "rate", to: id) { ticket in
            ticket.rating = score.rawValue
            ticket.ratingReason = reason
            ticket.ratingSource = source
            ticket.ratedAt = Date()
        }
    }

    public func cancel(_ id: String, reason: String?, by actor: String) async throws -> Ticket {
        try self.apply(.cancel, "cancel", to: id)
    }

    public func unlink(_ id: String, by actor: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        try self.apply(.unlinkDuplicate, "unlink", to: id) { $0.duplicateOf = nil }
    }

    public func openTasks(ofDepartment department: String) async throws -> [Ticket] {
        self.tickets.filter { ticket in
            [.assigned, .accepted].contains(ticket.status) && (ticket.routing?.departments.contains { $0.code == department } ?? false)
        }
    }

    public func openTasks(of party: GridParty) async throws -> [Ticket] {
        self.tickets.filter { [.assigned, .accepted].contains($0.status) && party.actor(on: $0) != nil }
    }

    public func reply(_ id: String, action: ReplyAction, department: String, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        guard let (ticket, _) = try await self.find(id) else { throw CaseError.notFound(id) }
        guard ticket.routing?.departments.contains(where: { $0.code == department }) ?? false else {
            throw CaseError.notAssigned(actor: department)
        }
        return try self.apply(Self.action(action), action.rawValue, to: id)
    }

    public func reply(_ id: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        guard let (ticket, _) = try await self.find(id), party.actor(on: ticket) != nil else { throw CaseError.notFound(id) }
        return try self.apply(Self.action(action), action.rawValue, to: id)
    }

    public func openTasks(ofVolunteer code: String) async throws -> [Ticket] {
        self.tickets.filter { [.assigned, .accepted].contains($0.status) && $0.volunteer == code }
    }

    public func reply(_ id: String, action: ReplyAction, volunteer code: String, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket {
        guard let (ticket, _) = try await self.find(id), ticket.volunteer == code || (action == .accept && ticket.volunteer == nil) else {
            throw CaseError.notFound(id)
        }
        return try self.update(ticket.id) { $0.volunteer = code }
    }

    public func reassign(
        _ id: String, toGrid grid: String, community: String, by actor: String, note: String?, using snapshot: JurisdictionSnapshot
    ) async throws -> Ticket {
        guard let (ticket, _) = try await self.find(id), ticket.routing?.community == community else { throw CaseError.notFound(id) }
        guard let target = snapshot.jurisdiction.grids.first(where: { $0.code == grid }), target.community.code == community else {
            throw CaseError.invalid(field: "grid", message: "not a grid of community \(community)")
        }
        return try self.update(ticket.id) { $0.routing?.grid = grid }
    }

    private static func action(_ reply: ReplyAction) -> TicketAction {
        switch reply {
        case .accept: .accept
        case .progress: .progress
        case .resolve: .resolve
        case .return: .returnTicket
        }
    }

    /// Moves ticket `id` through `action` (``CaseError/illegal(action:status:)`` when the
    /// lifecycle refuses it), then applies `change`.
    private func apply(_ action: TicketAction, _ name: String, to id: String, _ change: (inout Ticket) -> Void = { _ in }) throws -> Ticket {
        try self.update(id) { ticket in
            do {
                ticket.status = try TicketLifecycle.next(from: ticket.status, on: action)
            } catch {
                throw CaseError.illegal(action: name, status: ticket.status)
            }
            change(&ticket)
        }
    }

    private func update(_ id: String, _ change: (inout Ticket) throws -> Void) throws -> Ticket {
        try self.state.withLock { state in
            let key = state.tickets[id.lowercased()] != nil ? id.lowercased() : state.tickets.values.first { $0.number == id }?.id
            guard let key, var ticket = state.tickets[key] else { throw CaseError.notFound(id) }
            try change(&ticket)
            ticket.version += 1
            ticket.updatedAt = Date()
            state.tickets[key] = ticket
            return ticket
        }
    }

    private static func insert(_ new: NewTicket, into state: inout State) throws -> Ticket {
        state.sequence += 1
        let ticket = try Ticket.received(new, number: String(format: "12345-00000000-%06d", state.sequence))
        state.tickets[ticket.id] = ticket
        return ticket
    }
}
