import Foundation
import HotlineDomain
import Postgres

/// A department's (or the community's) answer to a task.
public enum ReplyAction: String, Codable, Sendable, CaseIterable {
    case accept, progress, resolve, `return`
}

extension CaseStore {
    /// Applies a reply from `actor` (a department code, or the community/grid code for tickets
    /// the community handles). Only an assigned party may reply; only the lead may resolve or
    /// return; a return re-routes to the next candidate or, past `maxReturns`, to manual dispatch.
    /// `name` (the person behind a grid's or secretary's key or phone) goes into the history as `byName`,
    /// `volunteer` (the code of the volunteer who took a service order) as `volunteer`.
    public func reply(
        _ ticketId: String, action: ReplyAction, actor: String, note: String?, name: String? = nil, volunteer: String? = nil,
        using snapshot: JurisdictionSnapshot, on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let ticket = locked.ticket
        let isCommunityParty = ticket.handler != .department && (actor == ticket.routing?.community || actor == ticket.routing?.grid)
        guard locked.departments.contains(actor) || isCommunityParty else { throw CaseError.notAssigned(actor: actor) }
        let isLead = locked.leadDepartment == actor || isCommunityParty
        var data: [String: JSONValue] = ["by": .string(actor)]
        if let note { data["note"] = .string(note) }
        if let name { data["byName"] = .string(name) }
        if let volunteer { data["volunteer"] = .string(volunteer) }
        // A summoned department's accept is its report-in (吹哨报到), whatever the ticket's status.
        if action == .accept, let reported = try self.reportIn(locked, department: actor, data: data, on: connection) { return reported }
        switch action {
        case .accept:
            let status = try locked.next(.accept, named: "accept")
            let updated = try self.update(
                ticket.id, status: status, set: "responded_at = COALESCE(responded_at, now())", on: connection
            )
            try self.emit(.ticketAccepted, updated, data, on: connection)
            return updated
        case .progress:
            let status = try locked.next(.progress, named: "report progress on")
            let updated = try self.update(ticket.id, status: status, set: nil, on: connection)
            try self.emit(.ticketProgress, updated, data, on: connection)
            return updated
        case .resolve:
            guard isLead else { throw CaseError.notAssigned(actor: "\(actor) (assisting, only the lead resolves)") }
            let status = try locked.next(.resolve, named: "resolve")
            // Resolving a paused ticket ends the pause first: the deadline it is judged by moves.
            if ticket.pausedAt != nil { _ = try self.resume(locked, by: actor, now: Date(), on: connection) }
            try self.requirePhoto(ticket, party: actor, using: snapshot, on: connection)
            let updated = try self.update(
                ticket.id, status: status,
                set: """
                    resolved_at = now(), responded_at = COALESCE(responded_at, now()), rating = NULL, rated_at = NULL,
                    rating_reason = NULL, rating_source = NULL, rating_category = NULL,
                    verified_rating = NULL, verified_note = NULL, verified_by = NULL, verified_at = NULL
                    """,
                on: connection
            )
            try self.emit(.ticketResolved, updated, data, on: connection)
            return updated
        case .return:
            guard isLead else { throw CaseError.notAssigned(actor: "\(actor) (assisting, only the lead returns)") }
            guard let note, !note.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CaseError.invalid(field: "note", message: "a return needs its reason")
            }
            let policy = snapshot.jurisdiction.catalog.returnPolicy
            if isCommunityParty, let duty = policy.communityDuty(for: ticket.category) {
                throw CaseError.refused(code: "community_duty", message: "退回不予受理：\(duty.rule)（社区职责清单所列事项，社区不得退回）")
            }
            if policy.review {
                return try self.holdReturn(locked, by: actor, data: data, on: connection)
            }
            _ = try locked.next(.returnTicket, named: "return")
            return try self.returnTicket(locked, by: actor, data: data, using: snapshot, on: connection)
        }
    }

    /// Records the return, then routes again without the departments that returned it.
    private func returnTicket(
        _ locked: LockedTicket, by actor: String, data: [String: JSONValue], using snapshot: JurisdictionSnapshot,
        on connection: PostgresConnection
    ) throws -> Ticket {
        let rows = try connection.query(
            """
            UPDATE tickets SET return_count = return_count + 1, returned_by = array_append(returned_by, $2),
                version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [locked.ticket.id, actor]
        )
        let returned = try Ticket(row: rows[0])
        try self.emit(.ticketReturned, returned, data, on: connection)
        var relocked = locked
        relocked.ticket = returned
        relocked.returnedBy.append(actor)
        var decision = snapshot.router.route(
            self.routingRequest(relocked), at: Date(), excludingDepartments: Set(relocked.returnedBy)
        )
        if returned.returnCount >= self.maxReturns {
            decision.outcome = .unroutable
            decision.unroutableReason = "已退回\(returned.returnCount)次，转人工派单"
        } else if decision.outcome == .routed, decision.handler != .department, locked.ticket.handler == .department {
            // A department's return of a department matter must not silently land on the community.
            decision.outcome = .unroutable
            decision.unroutableReason = "退回后已没有可派的部门"
        }
        try self.store(decision, on: relocked, using: snapshot, event: .ticketAssigned, extra: ["afterReturn": .bool(true)], on: connection)
        return try self.find(locked.ticket.id, on: connection)!
    }

    /// Sets the status (and optional extra assignments) with a version bump; returns the row.
    func update(_ id: String, status: TicketStatus, set extra: String?, on connection: PostgresConnection) throws -> Ticket {
        let assignments = ["status = $2", "version = version + 1", "updated_at = now()"] + (extra.map { [$0] } ?? [])
        let rows = try connection.query(
            "UPDATE tickets SET \(assignments.joined(separator: ", ")) WHERE id = $1::uuid RETURNING \(Ticket.columns)",
            [id, status.rawValue]
        )
        return try Ticket(row: rows[0])
    }
}
