import Foundation
import HotlineDomain
import Postgres

extension CaseStore {
    /// Records the resident's rating of a resolved ticket: satisfied or basically satisfied
    /// closes it; dissatisfied reopens it (重办) to the same handler with new deadlines, and
    /// past `maxReopens` also raises it one level.
    /// The resident's `reason` (any score; asked for with a dissatisfied one) is kept with its
    /// category (``RatingReasonCategory``) for the analysis of bad ratings.
    public func rate(
        _ ticketId: String, score: RatingScore, reason: String? = nil, source: String, using snapshot: JurisdictionSnapshot,
        on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let status = try locked.next(.rate(score), named: "rate")
        let rated = try connection.query(
            """
            UPDATE tickets SET rating = $2, rated_at = now(), follow_up = false, rating_reason = $3, rating_source = $4,
                rating_category = $5, version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [locked.ticket.id, score.rawValue, reason, source, reason.map { RatingReasonCategory.classify($0).rawValue }]
        )
        var data: [String: JSONValue] = ["score": .number(Double(score.rawValue)), "source": .string(source)]
        if let reason {
            data["reason"] = .string(reason)
            data["reasonCategory"] = .string(RatingReasonCategory.classify(reason).rawValue)
        }
        try self.emit(.ticketRated, try Ticket(row: rated[0]), data, on: connection)
        if locked.ticket.status == .answered {
            try connection.query("UPDATE knowledge_uses SET outcome = $2 WHERE ticket_id = $1::uuid", [locked.ticket.id, status == .closed ? "satisfied" : "dissatisfied"])
            if status == .received { return try self.reopenAnswered(locked, using: snapshot, on: connection) }
        }
        if status == .closed {
            let closed = try self.update(locked.ticket.id, status: .closed, set: "closed_at = now()", on: connection)
            try self.emit(.ticketClosed, closed, ["reason": .string("rated \(score.rawValue)")], on: connection)
            try self.earnPoints(for: closed, using: snapshot, on: connection)
            return closed
        }
        return try self.reopen(locked, using: snapshot, on: connection)
    }

    /// Reopens a dissatisfied ticket to the same handler with fresh deadlines. The dissatisfied
    /// rating (and its reason) stays on the ticket while it is handled again; the next resolve
    /// clears it to wait for the new rating.
    private func reopen(_ locked: LockedTicket, using snapshot: JurisdictionSnapshot, on connection: PostgresConnection) throws -> Ticket {
        let urgency = locked.ticket.urgency ?? .general
        let deadlines = snapshot.deadlines(for: urgency, from: Date())
        let escalate = locked.ticket.reopenCount + 1 > self.maxReopens
        let level = escalate ? (locked.ticket.level.raised() ?? locked.ticket.level) : locked.ticket.level
        let rows = try connection.query(
            """
            UPDATE tickets SET status = 'assigned', reopen_count = reopen_count + 1, respond_by = $2, resolve_by = $3,
                level = $4, resolved_at = NULL, responded_at = NULL,
                assigned_at = now(), overdue_respond_at = NULL, overdue_resolve_at = NULL,
                version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [locked.ticket.id, deadlines.respondBy, deadlines.resolveBy, level.rawValue]
        )
        let reopened = try Ticket(row: rows[0])
        var data: [String: JSONValue] = ["reason": .string("resident dissatisfied (重办)"), "reopenCount": .number(Double(reopened.reopenCount))]
        if escalate { data["escalatedTo"] = .string(level.rawValue) }
        try self.emit(.ticketReopened, reopened, data, on: connection)
        try self.sendTasks(reopened, reopened.routing?.departments ?? [], on: connection)
        return reopened
    }

    /// Cancels an open ticket, with the operator's reason.
    public func cancel(_ ticketId: String, reason: String?, by actor: String, on connection: PostgresConnection) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let status = try locked.next(.cancel, named: "cancel")
        let cancelled = try self.update(locked.ticket.id, status: status, set: "closed_at = now()", on: connection)
        var data: [String: JSONValue] = ["by": .string(actor)]
        if let reason { data["reason"] = .string(reason) }
        try self.emit(.ticketCancelled, cancelled, data, on: connection)
        return cancelled
    }
}
