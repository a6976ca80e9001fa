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
    ///
    /// Only the tickets of the deadline queue that are due now are looked at (`watch_at`,
    /// migration 57), so a pass costs what is due, not what the table holds. Every dispatcher
    /// must run with the same `RATING_TIMEOUT` and catalog: the queue is computed with them.
    public func watchDeadlines(
        escalation: EscalationPolicy, ratingWindow: TimeInterval, limit: Int = 500, on connection: PostgresConnection
    ) throws -> Int {
        try self.syncWatchSettings(escalation: escalation, ratingWindow: ratingWindow, on: connection)
        var changed = try self.watchSummons(limit: limit, on: connection)
        let due = try connection.query(
            "SELECT id::text AS id FROM tickets WHERE watch_at < now() ORDER BY watch_at LIMIT $1", [limit]
        ).map { try $0.decode("id", as: String.self) }
        guard !due.isEmpty else { return changed }
        for (what, column) in [("respond", "respond_by"), ("resolve", "resolve_by")] {
            let mark = "overdue_\(what)_at"
            let statuses = what == "respond" ? "('assigned')" : "('assigned', 'accepted')"
            let rows = try connection.query(
                """
                UPDATE tickets SET \(mark) = now(), version = version + 1, updated_at = now()
                WHERE id IN (SELECT id FROM tickets WHERE id = ANY($2::uuid[])
                    AND status IN \(statuses) AND \(column) < now() AND \(mark) IS NULL AND paused_at IS NULL
                    LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING \(Ticket.columns)
                """,
                [limit, due]
            )
            for ticket in try rows.map(Ticket.init(row:)) {
                try self.emit(.ticketOverdue, ticket, ["what": .string(what)], on: connection)
            }
            CaseMetrics.overdue.increment(by: rows.count)
            changed += rows.count
        }
        for (level, multiple, below) in [
            (ResponsibilityLevel.street, escalation.street, "('community')"),
            (ResponsibilityLevel.district, escalation.district, "('community', 'street')"),
        ] {
            let rows = try connection.query(
                """
                UPDATE tickets SET level = $2, version = version + 1, updated_at = now()
                WHERE id IN (SELECT id FROM tickets
                    WHERE id = ANY($4::uuid[]) AND status IN ('assigned', 'accepted') AND level IN \(below) AND resolve_by IS NOT NULL
                      AND paused_at IS NULL
                      AND COALESCE(assigned_at, created_at) + (resolve_by - COALESCE(assigned_at, created_at)) * $3::float8 <= now()
                    LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING \(Ticket.columns)
                """,
                [limit, level.rawValue, multiple, due]
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
            WHERE id IN (SELECT id FROM tickets WHERE id = ANY($3::uuid[])
                AND status = 'resolved' AND resolved_at < now() - make_interval(secs => $2)
                LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING \(Ticket.columns)
            """,
            [limit, ratingWindow, due]
        )
        for ticket in try unrated.map(Ticket.init(row:)) {
            try self.emit(.ticketClosed, ticket, ["reason": .string("unrated: follow-up visit (回访) due")], on: connection)
        }
        // Due, yet nothing applied (a clock edge): looked at again shortly, not every pass.
        try connection.query(
            """
            UPDATE tickets SET watch_at = now() + interval '10 seconds'
            WHERE id IN (SELECT id FROM tickets WHERE id = ANY($1::uuid[]) AND watch_at < now() FOR UPDATE SKIP LOCKED)
            """,
            [due]
        )
        return changed + unrated.count
    }

    /// Writes the escalation multiples and the rating window the deadline queue is computed
    /// with (`sla_watch`) when they differ from this dispatcher's, and recomputes the queue.
    func syncWatchSettings(escalation: EscalationPolicy, ratingWindow: TimeInterval, on connection: PostgresConnection) throws {
        let stored = try connection.query(
            "SELECT street, district, EXTRACT(EPOCH FROM rating_window)::float8 AS window FROM sla_watch WHERE id = 1"
        ).first
        if let stored, try stored.decode("street", as: Double.self) == escalation.street,
            try stored.decode("district", as: Double.self) == escalation.district,
            abs(try stored.decode("window", as: Double.self) - ratingWindow) < 0.001
        {
            return
        }
        try connection.query(
            """
            INSERT INTO sla_watch (id, street, district, rating_window) VALUES (1, $1, $2, make_interval(secs => $3))
            ON CONFLICT (id) DO UPDATE SET street = EXCLUDED.street, district = EXCLUDED.district, rating_window = EXCLUDED.rating_window
            """,
            [escalation.street, escalation.district, ratingWindow]
        )
        try connection.query(
            """
            UPDATE tickets t SET watch_at = ticket_watch_at(t, w) FROM sla_watch w
            WHERE t.status IN ('assigned', 'accepted', 'resolved') AND t.watch_at IS DISTINCT FROM ticket_watch_at(t, w)
            """
        )
    }
}
