extension Schema {
    /// Migration 58 (issue 16): indexes of `tickets` that no query uses any more, and autovacuum
    /// set per table for the tables that change with every ticket.
    ///
    /// - `tickets_lead_department`: nothing filters by `lead_department` (tasks are found through
    ///   `departments`, the GIN index; reports group by it over a period, read by `created_at`).
    /// - `tickets_open_deadlines`: the SLA watch's scan, replaced by the deadline queue
    ///   (`tickets_watch`, migration 57); the overdue filter of the ticket list has an `OR` with
    ///   respond-by it could never serve alone.
    /// Each ticket row is rewritten some six times in its life (routing, accept, resolve, rate,
    /// close...), and every rewrite that is not heap-only writes an entry into every index: two
    /// indexes fewer is about a dozen index entries fewer per ticket.
    ///
    /// Autovacuum: the defaults (20 % of a table dead before a vacuum) let a table of millions of
    /// rows carry hundreds of thousands of dead versions; these tables are vacuumed and analysed
    /// after 1-5 %, and the append-mostly ones after a share of inserts too (visibility map, so
    /// that index-only scans stay index-only). `tickets` keeps 10 % of each page free for
    /// heap-only updates of columns in no index.
    static let trimmedTickets = """
        DROP INDEX IF EXISTS tickets_lead_department;
        DROP INDEX IF EXISTS tickets_open_deadlines;
        ALTER TABLE tickets SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
        ALTER TABLE notifications SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05,
            autovacuum_analyze_scale_factor = 0.05);
        ALTER TABLE inbox SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05);
        ALTER TABLE inbound_sms SET (autovacuum_vacuum_insert_scale_factor = 0.05);
        ALTER TABLE outbox_cursor SET (fillfactor = 50);
        """
}
