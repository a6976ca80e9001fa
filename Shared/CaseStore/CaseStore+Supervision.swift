import Foundation
import HotlineDomain
import Postgres

/// Extensions (延期) and pauses (挂起): the handling party asks, the centre (operator, admin)
/// approves or rejects. An approved extension moves `resolve_by` (and so the SLA watch, the
/// escalation multiples and the rates); an approved pause stops the clock until `resume`, which
/// moves the deadlines by the paused time. Every step is an event, so the history shows it.
extension CaseStore {
    /// Records an extension request by `actor`. `party` is the requester's department or grid
    /// code when it is the handling party (it must be the ticket's lead, or its grid for a
    /// community ticket); `nil` for the centre's own staff.
    public func requestExtension(
        _ ticketId: String, until: Date, reason: String, by actor: String, party: String?, now: Date = Date(),
        on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        try self.checkSupervisable(locked, party: party, doing: "request an extension of")
        let request = try Self.extensionRequest(on: locked.ticket, until: until, reason: reason, by: actor, now: now)
        let updated = try self.setSupervision(locked.ticket.id, "extension", request, extra: nil, [], on: connection)
        try self.emit(
            .ticketExtensionRequested, updated,
            ["until": .string(HotlineJSON.format(until)), "reason": .string(reason), "by": .string(actor)], on: connection
        )
        return updated
    }

    /// The centre's decision on the pending extension: approval moves `resolve_by` to `until`
    /// and clears a resolve-overdue mark (the new deadline is the one that counts).
    public func decideExtension(
        _ ticketId: String, approve: Bool, note: String?, by actor: String, now: Date = Date(), on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        guard var request = locked.ticket.extensionRequest, request.status == .pending, let until = request.until else {
            throw CaseError.refused(code: "no_pending_extension", message: "the ticket has no extension request waiting")
        }
        try self.checkSupervisable(locked, party: nil, doing: approve ? "approve an extension of" : "reject an extension of")
        request.status = approve ? .approved : .rejected
        request.decidedBy = actor
        request.decidedAt = now
        request.note = note
        var data: [String: JSONValue] = ["until": .string(HotlineJSON.format(until)), "by": .string(actor)]
        if let note { data["note"] = .string(note) }
        if approve {
            data["previousResolveBy"] = locked.ticket.deadlines.resolveBy.map { .string(HotlineJSON.format($0)) } ?? .null
            let updated = try self.setSupervision(
                locked.ticket.id, "extension", request, extra: "resolve_by = $3, overdue_resolve_at = NULL", [until], on: connection
            )
            try self.emit(.ticketExtensionApproved, updated, data, on: connection)
            return updated
        }
        let updated = try self.setSupervision(locked.ticket.id, "extension", request, extra: nil, [], on: connection)
        try self.emit(.ticketExtensionRejected, updated, data, on: connection)
        return updated
    }

    /// Records a pause request (挂起: waiting for the resident or a third party); the clock
    /// runs until the centre approves it.
    public func requestPause(
        _ ticketId: String, reason: String, by actor: String, party: String?, now: Date = Date(), on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        try self.checkSupervisable(locked, party: party, doing: "pause")
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CaseError.invalid(field: "reason", message: "a pause needs its reason")
        }
        if locked.ticket.pausedAt != nil || locked.ticket.pause?.status == .pending {
            throw CaseError.refused(code: "pause_pending", message: "the ticket is already paused or waiting for a pause decision")
        }
        let request = Supervision(until: nil, reason: reason, requestedBy: actor, requestedAt: now)
        let updated = try self.setSupervision(locked.ticket.id, "pause", request, extra: nil, [], on: connection)
        try self.emit(.ticketPauseRequested, updated, ["reason": .string(reason), "by": .string(actor)], on: connection)
        return updated
    }

    /// The centre's decision on the pending pause: approval stops the clock from `now`.
    public func decidePause(
        _ ticketId: String, approve: Bool, note: String?, by actor: String, now: Date = Date(), on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        guard var request = locked.ticket.pause, request.status == .pending else {
            throw CaseError.refused(code: "no_pending_pause", message: "the ticket has no pause request waiting")
        }
        try self.checkSupervisable(locked, party: nil, doing: approve ? "approve a pause of" : "reject a pause of")
        request.status = approve ? .approved : .rejected
        request.decidedBy = actor
        request.decidedAt = now
        request.note = note
        request.previousResolveBy = locked.ticket.deadlines.resolveBy
        var data: [String: JSONValue] = ["by": .string(actor), "reason": .string(request.reason)]
        if let note { data["note"] = .string(note) }
        let updated = try self.setSupervision(
            locked.ticket.id, "pause", request, extra: approve ? "paused_at = $3" : nil, approve ? [now] : [], on: connection
        )
        try self.emit(approve ? .ticketPaused : .ticketPauseRejected, updated, data, on: connection)
        return updated
    }

    /// Starts a paused ticket's clock again: both deadlines move by the paused time (the
    /// respond-by only while not yet responded). By the handling party or the centre.
    public func resume(
        _ ticketId: String, by actor: String, party: String?, now: Date = Date(), on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        try self.checkSupervisable(locked, party: party, doing: "resume")
        return try self.resume(locked, by: actor, now: now, on: connection)
    }

    /// Resumes an already locked ticket (also before a resolve of a paused ticket).
    func resume(_ locked: LockedTicket, by actor: String, now: Date, on connection: PostgresConnection) throws -> Ticket {
        guard let pausedAt = locked.ticket.pausedAt, var request = locked.ticket.pause else {
            throw CaseError.refused(code: "not_paused", message: "the ticket is not paused")
        }
        request.status = .resumed
        request.resumedAt = now
        let resolveBy = locked.ticket.deadlines.resolveBy.map { SupervisionClock.resumed($0, pausedAt: pausedAt, resumedAt: now) }
        let respondBy = locked.ticket.deadlines.respondBy.map { SupervisionClock.resumed($0, pausedAt: pausedAt, resumedAt: now) }
        let paused = max(0, now.timeIntervalSince(pausedAt))
        let updated = try self.setSupervision(
            locked.ticket.id, "pause", request,
            extra: """
                paused_at = NULL, paused_seconds = paused_seconds + $3, resolve_by = $4,
                respond_by = CASE WHEN responded_at IS NULL THEN $5 ELSE respond_by END
                """,
            [paused, resolveBy, respondBy], on: connection
        )
        var data: [String: JSONValue] = ["by": .string(actor), "pausedSeconds": .number(paused.rounded())]
        if let resolveBy { data["resolveBy"] = .string(HotlineJSON.format(resolveBy)) }
        try self.emit(.ticketResumed, updated, data, on: connection)
        return updated
    }

    /// The extension request `actor` makes on `ticket` at `now`: refused while another waits
    /// (`extension_pending`) or when ``SupervisionClock/checkExtension(until:reason:currentResolveBy:now:)``
    /// refuses it (`invalid`). ``InMemorySupervision`` applies the same rule.
    static func extensionRequest(on ticket: Ticket, until: Date, reason: String, by actor: String, now: Date) throws -> Supervision {
        if ticket.extensionRequest?.status == .pending {
            throw CaseError.refused(code: "extension_pending", message: "an extension request is already waiting for the centre")
        }
        let current = SupervisionClock.effectiveDeadline(ticket.deadlines.resolveBy, pausedAt: ticket.pausedAt, now: now)
        do {
            try SupervisionClock.checkExtension(until: until, reason: reason, currentResolveBy: current, now: now)
        } catch {
            throw CaseError.invalid(field: error.field, message: error.message)
        }
        var request = Supervision(until: until, reason: reason, requestedBy: actor, requestedAt: now)
        request.previousResolveBy = ticket.deadlines.resolveBy
        return request
    }

    /// Refuses unless the ticket is live (assigned or accepted) and, for a handling party,
    /// the party is the ticket's lead department or its grid/community on a community ticket.
    private func checkSupervisable(_ locked: LockedTicket, party: String?, doing action: String) throws {
        let ticket = locked.ticket
        guard ticket.status == .assigned || ticket.status == .accepted else {
            throw CaseError.illegal(action: action, status: ticket.status)
        }
        guard let party else { return }
        let isCommunityParty = ticket.handler != .department && (party == ticket.routing?.community || party == ticket.routing?.grid)
        guard locked.leadDepartment == party || isCommunityParty else {
            throw CaseError.notAssigned(actor: "\(party) (only the handling party asks for time)")
        }
    }

    /// Writes the `extension` or `pause` column (and `extra` assignments using $3...) with a
    /// version bump; returns the row.
    private func setSupervision(
        _ id: String, _ column: String, _ value: Supervision, extra: String?, _ parameters: [(any PostgresEncodable)?],
        on connection: PostgresConnection
    ) throws -> Ticket {
        let json = String(decoding: try HotlineJSON.encoder().encode(value), as: UTF8.self)
        let assignments = ["\(column) = $2::jsonb", "version = version + 1", "updated_at = now()"] + (extra.map { [$0] } ?? [])
        let rows = try connection.query(
            "UPDATE tickets SET \(assignments.joined(separator: ", ")) WHERE id = $1::uuid RETURNING \(Ticket.columns)",
            ([id, json] as [(any PostgresEncodable)?]) + parameters
        )
        return try Ticket(row: rows[0])
    }
}
