import Foundation
import HotlineDomain
import Metrics
import Postgres

extension CaseStore {
    /// One pass of the SLA watch: marks tickets past respond-by or resolve-by as overdue
    /// (督办), raises the level of those past the escalation multiples, and closes resolved
    /// tickets nobody rated within `ratingWindow` (onto the follow-up list). A paused ticket (挂起)
    /// is skipped: its clock is stopped. Rows are taken
    /// `FOR UPDATE SKIP LOCKED` and each mark is written once, so several dispatchers can run
    /// it at once and a restart misses nothing. Returns how many tickets changed.
    public func watchDeadlines(
        escalation: EscalationPolicy, ratingWindow: TimeInterval, limit: Int = 500, on connection: PostgresConnection
    ) throws -> Int {
        var changed = 0
        for (what, column) in [("respond", "respond_by"), ("resolve", "resolve_by")] {
            let mark = "overdue_\(what)_at"
            let statuses = what == "respond" ? "('assigned')" : "('assigned', 'accepted')"
            let rows = try connection.query(
                """
                UPDATE tickets SET \(mark) = now(), version = version + 1, updated_at = now()
                WHERE id IN (SELECT id FROM tickets WHERE status IN \(statuses) AND \(column) < now() AND \(mark) IS NULL AND paused_at IS NULL
                    LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING \(Ticket.columns)
                """,
                [limit]
            )
            for ticket in try rows.map(Ticket.init(row:)) {
                try self.emit(.ticketOverdue, ticket, ["what": .string(what)], on: connection)
            }
            CaseMetrics.overdue.increment(by: rows.count)
            changed += rows.count
        }
        changed += try self.watchSummons(limit: limit, on: connection)
        for (level, multiple, below) in [
            (ResponsibilityLevel.street, escalation.street, "('community')"),
            (ResponsibilityLevel.district, escalation.district, "('community', 'street')"),
        ] {
            let rows = try connection.query(
                """
                UPDATE tickets SET level = $2, version = version + 1, updated_at = now()
                WHERE id IN (SELECT id FROM tickets
                    WHERE status IN ('assigned', 'accepted') AND level IN \(below) AND resolve_by IS NOT NULL AND paused_at IS NULL
                      AND COALESCE(assigned_at, created_at) + (resolve_by - COALESCE(assigned_at, created_at)) * $3::float8 <= now()
                    LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING \(Ticket.columns)
                """,
                [limit, level.rawValue, multiple]
            )
            for ticket in try rows.map(Ticket.init(row:)) {
                try self.emit(.ticketEscalated, ticket, ["to": .string(level.rawValue), "multiple": .number(multiple)], on: connection)
            }
            CaseMetrics.escalated.increment(by: rows.count)
            changed += rows.count
        }
        let unrated = try connection.query(
            """
            UPDATE tickets SET status = 'closed', closed_at = now(), follow_up = true, version = version + 1, updated_at = now()
            WHERE id IN (SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at < now() - make_interval(secs => $2)
                LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING \(Ticket.columns)
            """,
            [limit, ratingWindow]
        )
        for ticket in try unrated.map(Ticket.init(row:)) {
            try self.emit(.ticketClosed, ticket, ["reason": .string("unrated: follow-up visit (回访) due")], on: connection)
        }
        return changed + unrated.count
    }
}
