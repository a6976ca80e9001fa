import Foundation
import HotlineDomain

/// ``SupervisionRepository`` in memory, for router tests, on the tickets of an ``InMemoryCases``:
/// the same refusals as ``CaseStore`` (live tickets only, the handling party only, one pending
/// request at a time, ``SupervisionClock``'s checks), without events.
public struct InMemorySupervision: SupervisionRepository {
    let cases: InMemoryCases

    /// Supervision of `cases`' tickets.
    public init(cases: InMemoryCases) {
        self.cases = cases
    }

    public func requestExtension(_ id: String, until: Date, reason: String, by actor: String, party: String?) async throws -> Ticket {
        var ticket = try await self.supervisable(id, party: party, doing: "request an extension of")
        ticket.extensionRequest = try CaseStore.extensionRequest(on: ticket, until: until, reason: reason, by: actor, now: Date())
        return self.save(ticket)
    }

    public func decideExtension(_ id: String, approve: Bool, note: String?, by actor: String) async throws -> Ticket {
        var ticket = try await self.ticket(id)
        guard var request = ticket.extensionRequest, request.status == .pending, let until = request.until else {
            throw CaseError.refused(code: "no_pending_extension", message: "the ticket has no extension request waiting")
        }
        ticket = try await self.supervisable(id, party: nil, doing: approve ? "approve an extension of" : "reject an extension of")
        (request.status, request.decidedBy, request.decidedAt, request.note) = (approve ? .approved : .rejected, actor, Date(), note)
        ticket.extensionRequest = request
        if approve { ticket.deadlines.resolveBy = until }
        return self.save(ticket)
    }

    public func requestPause(_ id: String, reason: String, by actor: String, party: String?) async throws -> Ticket {
        var ticket = try await self.supervisable(id, party: party, doing: "pause")
        if ticket.pausedAt != nil || ticket.pause?.status == .pending {
            throw CaseError.refused(code: "pause_pending", message: "the ticket is already paused or waiting for a pause decision")
        }
        ticket.pause = Supervision(until: nil, reason: reason, requestedBy: actor, requestedAt: Date())
        return self.save(ticket)
    }

    public func decidePause(_ id: String, approve: Bool, note: String?, by actor: String) async throws -> Ticket {
        var ticket = try await self.ticket(id)
        guard var request = ticket.pause, request.status == .pending else {
            throw CaseError.refused(code: "no_pending_pause", message: "the ticket has no pause request waiting")
        }
        ticket = try await self.supervisable(id, party: nil, doing: approve ? "approve a pause of" : "reject a pause of")
        (request.status, request.decidedBy, request.decidedAt, request.note) = (approve ? .approved : .rejected, actor, Date(), note)
        request.previousResolveBy = ticket.deadlines.resolveBy
        ticket.pause = request
        if approve { ticket.pausedAt = Date() }
        return self.save(ticket)
    }

    public func resume(_ id: String, by actor: String, party: String?) async throws -> Ticket {
        var ticket = try await self.supervisable(id, party: party, doing: "resume")
        guard let pausedAt = ticket.pausedAt, var request = ticket.pause else {
            throw CaseError.refused(code: "not_paused", message: "the ticket is not paused")
        }
        let now = Date()
        (request.status, request.resumedAt) = (.resumed, now)
        ticket.pause = request
        ticket.pausedAt = nil
        ticket.deadlines.resolveBy = ticket.deadlines.resolveBy.map { SupervisionClock.resumed($0, pausedAt: pausedAt, resumedAt: now) }
        return self.save(ticket)
    }

    public func rejectReturn(_ id: String, reason: String, by actor: String) async throws -> Ticket {
        var ticket = try await self.ticket(id)
        do {
            ticket.status = try TicketLifecycle.next(from: ticket.status, on: .rejectReturn)
        } catch {
            throw CaseError.illegal(action: "reject the return of", status: ticket.status)
        }
        return self.save(ticket)
    }

    public func verifyRating(_ id: String, score: RatingScore, note: String?, by actor: String) async throws -> Ticket {
        var ticket = try await self.ticket(id)
        guard ticket.rating != nil else {
            throw CaseError.refused(
                code: "not_rated", message: "the resident has not rated this ticket: record the follow-up call's outcome as the rating"
            )
        }
        ticket.verifiedRating = Ticket.VerifiedRating(score: score.rawValue, note: note, by: actor, at: Date())
        return self.save(ticket)
    }

    private func ticket(_ id: String) async throws -> Ticket {
        guard let (ticket, _) = try await self.cases.find(id) else { throw CaseError.notFound(id) }
        return ticket
    }

    /// The ticket, if live and `party` (when given) handles it.
    private func supervisable(_ id: String, party: String?, doing action: String) async throws -> Ticket {
        let ticket = try await self.ticket(id)
        guard ticket.status == .assigned || ticket.status == .accepted else { throw CaseError.illegal(action: action, status: ticket.status) }
        guard let party else { return ticket }
        let lead = ticket.routing?.departments.first { $0.role == .lead }?.code
        let isCommunityParty = ticket.routing?.handler != .department && (party == ticket.routing?.community || party == ticket.routing?.grid)
        guard lead == party || isCommunityParty else {
            throw CaseError.notAssigned(actor: "\(party) (only the handling party asks for time)")
        }
        return ticket
    }

    private func save(_ ticket: Ticket) -> Ticket {
        var saved = ticket
        saved.version += 1
        saved.updatedAt = Date()
        self.cases.put(saved)
        return saved
    }
}
