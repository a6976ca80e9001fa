import Foundation
import HotlineDomain
import Synchronization

/// ``InboundSMSCases`` in memory, for the notifier's command tests: tickets, volunteers and
/// their offers, pending check-ins and broadcasts a test puts in; tickets move through
/// ``TicketLifecycle`` and takes through ``VolunteerOffer`` as the store would (without
/// routing, events or deadlines), and the answers sent are kept.
public final class InMemoryInboundSMSCases: InboundSMSCases, Sendable {
    private struct State {
        var tickets: [String: Ticket] = [:]
        var volunteers: [VolunteerRecord] = []
        var offers: [String: Set<String>] = [:]
        var checkins: [String: String] = [:]
        var broadcasts: [String: String] = [:]
        var acknowledged: [String: (broadcast: String, at: Date)] = [:]
        var answers: [SMSAnswer] = []
    }

    private let state = Mutex(State())

    /// Nothing held.
    public init() {}

    /// Stores `ticket` as it is (a test's fixture).
    public func put(_ ticket: Ticket) {
        self.state.withLock { $0.tickets[ticket.id] = ticket }
    }

    /// Adds a volunteer.
    public func add(_ volunteer: VolunteerRecord) {
        self.state.withLock { $0.volunteers.append(volunteer) }
    }

    /// Offers service order `ticketId` to the volunteers `codes`.
    public func offer(_ ticketId: String, to codes: [String]) {
        self.state.withLock { $0.offers[ticketId, default: []].formUnion(codes) }
    }

    /// A check-in of `household` waits for `phone`'s answer.
    public func awaitCheckin(from phone: String, household: String) {
        self.state.withLock { $0.checkins[phone] = household }
    }

    /// Broadcast `id` reached `phone` and asks for an acknowledgement.
    public func awaitAcknowledgement(of id: String, from phone: String) {
        self.state.withLock { $0.broadcasts[phone] = id }
    }

    /// The ticket `idOrNumber` as it is now.
    public func ticket(_ idOrNumber: String) -> Ticket? {
        self.state.withLock { Self.lookup(idOrNumber, in: $0) }
    }

    /// The answers sent, in order.
    public var answers: [SMSAnswer] { self.state.withLock { $0.answers } }

    /// The check-ins still waiting, by phone.
    public var pendingCheckins: [String: String] { self.state.withLock { $0.checkins } }

    public func volunteer(phone: String) throws -> VolunteerRecord? {
        self.state.withLock { $0.volunteers.first { $0.volunteer.phone == phone } }
    }

    public func openTasks(of party: GridParty, limit: Int) throws -> [Ticket] {
        let open = self.state.withLock { Array($0.tickets.values) }.filter { [.assigned, .accepted].contains($0.status) && party.actor(on: $0) != nil }
        return Array(open.sorted { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }.prefix(limit))
    }

    public func volunteerTasks(_ code: String, limit: Int) throws -> [Ticket] {
        let open = self.state.withLock { state in
            state.tickets.values.filter { ticket in
                ticket.handler == .volunteer && [.assigned, .accepted].contains(ticket.status)
                    && (ticket.volunteer == code || (ticket.volunteer == nil && state.offers[ticket.id]?.contains(code) == true))
            }
        }
        return Array(open.sorted { ($0.volunteer == nil ? 0 : 1, $0.createdAt) < ($1.volunteer == nil ? 0 : 1, $1.createdAt) }.prefix(limit))
    }

    public func find(_ number: String) throws -> Ticket? {
        self.ticket(number)
    }

    public func reply(_ number: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot) throws -> Ticket {
        guard let ticket = self.ticket(number), party.actor(on: ticket) != nil else { throw CaseError.notFound(number) }
        return try self.move(ticket, action, note: note)
    }

    public func take(_ number: String, volunteer: VolunteerRecord) throws -> CaseStore.Take {
        try self.state.withLock { state in
            guard var ticket = Self.lookup(number, in: state) else { throw CaseError.notFound(number) }
            guard ticket.handler == .volunteer else {
                throw CaseError.invalid(field: "ticket", message: "not a service order of the volunteers' menu")
            }
            let code = volunteer.volunteer.code
            let offered = state.offers[ticket.id] ?? []
            let outcome = VolunteerOffer(status: ticket.status, taker: ticket.volunteer, offeredTo: offered).take(by: code)
            let others = offered.filter { $0 != code }.sorted()
            guard outcome.wins else { return CaseStore.Take(ticket: ticket, outcome: outcome, others: others) }
            ticket.volunteer = code
            ticket.status = .accepted
            ticket.version += 1
            state.tickets[ticket.id] = ticket
            return CaseStore.Take(ticket: ticket, outcome: .taken, others: others)
        }
    }

    public func volunteerReply(
        _ number: String, action: ReplyAction, volunteer: VolunteerRecord, note: String?, using snapshot: JurisdictionSnapshot
    ) throws -> Ticket {
        guard let ticket = self.ticket(number), ticket.handler == .volunteer, ticket.volunteer == volunteer.volunteer.code else {
            throw CaseError.notFound(number)
        }
        guard action != .return else {
            throw CaseError.refused(code: "volunteer_return", message: "志愿者不能退单，如无法服务请联系社区书记改派")
        }
        return try self.move(ticket, action, note: note)
    }

    public func atomically<T>(_ body: () throws -> T) throws -> T {
        let saved = self.state.withLock { $0 }
        do {
            return try body()
        } catch {
            self.state.withLock { $0 = saved }
            throw error
        }
    }

    public func answerCheckin(from phone: String, at time: Date) throws -> HouseholdCheckins.Checkin? {
        self.state.withLock { state in
            guard let household = state.checkins.removeValue(forKey: phone) else { return nil }
            var checkin = HouseholdCheckins.Checkin(
                household: household, day: "", sentTo: phone, notificationId: UUID().uuidString.lowercased(), dueAt: time
            )
            checkin.answeredAt = time
            checkin.answeredBy = phone
            return checkin
        }
    }

    public func acknowledgeBroadcast(from phone: String, at time: Date) throws -> BroadcastAcknowledgements.Outcome? {
        self.state.withLock { state in
            if let (id, at) = state.acknowledged[phone] { return .already(broadcast: id, at: at) }
            guard let id = state.broadcasts.removeValue(forKey: phone) else { return nil }
            state.acknowledged[phone] = (id, time)
            return .acknowledged(broadcast: id, at: time)
        }
    }

    public func ticketAwaitingRating(from phone: String, number: String?) throws -> String? {
        self.state.withLock { state in
            state.tickets.values.filter { ticket in
                ticket.caller.phone == phone && [.resolved, .answered].contains(ticket.status) && (number == nil || ticket.number == number)
            }
            .max { ($0.resolvedAt ?? $0.createdAt) < ($1.resolvedAt ?? $1.createdAt) }?.id
        }
    }

    public func rate(_ id: String, score: RatingScore, reason: String?, using snapshot: JurisdictionSnapshot) throws {
        _ = try self.update(id) { ticket in
            do {
                ticket.status = try TicketLifecycle.next(from: ticket.status, on: .rate(score))
            } catch {
                throw CaseError.illegal(action: "rate", status: ticket.status)
            }
            ticket.rating = score.rawValue
            ticket.ratingReason = reason
            ticket.ratingSource = "sms"
            ticket.ratedAt = Date()
        }
    }

    public func answer(_ answer: SMSAnswer) throws {
        self.state.withLock { $0.answers.append(answer) }
    }

    /// Moves `ticket` through the reply `action` as ``TicketLifecycle`` allows (a return needs its reason).
    private func move(_ ticket: Ticket, _ action: ReplyAction, note: String?) throws -> Ticket {
        let (lifecycle, name): (TicketAction, String) =
            switch action {
            case .accept: (.accept, "accept")
            case .progress: (.progress, "report progress on")
            case .resolve: (.resolve, "resolve")
            case .return: (.returnTicket, "return")
            }
        if action == .return, note?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            throw CaseError.invalid(field: "note", message: "a return needs its reason")
        }
        return try self.update(ticket.id) { ticket in
            do {
                ticket.status = try TicketLifecycle.next(from: ticket.status, on: lifecycle)
            } catch {
                throw CaseError.illegal(action: name, status: ticket.status)
            }
            if action == .resolve { ticket.resolvedAt = Date() }
        }
    }

    private func update(_ id: String, _ change: (inout Ticket) throws -> Void) throws -> Ticket {
        try self.state.withLock { state in
            guard var ticket = Self.lookup(id, in: state) else { throw CaseError.notFound(id) }
            try change(&ticket)
            ticket.version += 1
            ticket.updatedAt = Date()
            state.tickets[ticket.id] = ticket
            return ticket
        }
    }

    private static func lookup(_ idOrNumber: String, in state: State) -> Ticket? {
        state.tickets[idOrNumber.lowercased()] ?? state.tickets.values.first { $0.number == idOrNumber }
    }
}
