extension Schema {
    /// Migration 57 (issue 16): the SLA watch reads a deadline queue instead of scanning
    /// `tickets` every second.
    ///
    /// `tickets.watch_at` is the next moment the watch has something to check on a ticket: the
    /// earliest of its unmarked respond-by and resolve-by, its next escalation (at the catalog's
    /// multiple of the resolve time) and, once resolved, the end of the rating window; NULL when
    /// nothing can come due (closed, paused, unrouted). A trigger keeps it whenever a column it
    /// depends on is written, and the partial index on it is the queue: the watch reads only the
    /// tickets due now, however many tickets the table holds. The multiples and the rating window
    /// the trigger uses are the watch's, in `sla_watch` (the watch writes them when they change
    /// and then recomputes the open tickets).
    static let deadlineQueue = """
        CREATE TABLE sla_watch (
            id int PRIMARY KEY CHECK (id = 1),
            street double precision NOT NULL,
            district double precision NOT NULL,
            rating_window interval NOT NULL
        );
        INSERT INTO sla_watch VALUES (1, 1.0, 2.0, interval '3 days');

        CREATE FUNCTION ticket_watch_at(t tickets, w sla_watch) RETURNS timestamptz LANGUAGE sql STABLE AS $$
            SELECT CASE
                WHEN t.status = 'resolved' THEN t.resolved_at + w.rating_window
                WHEN t.status NOT IN ('assigned', 'accepted') OR t.paused_at IS NOT NULL THEN NULL
                ELSE LEAST(
                    CASE WHEN t.status = 'assigned' AND t.overdue_respond_at IS NULL THEN t.respond_by END,
                    CASE WHEN t.overdue_resolve_at IS NULL THEN t.resolve_by END,
                    CASE WHEN t.level = 'community' AND t.resolve_by IS NOT NULL THEN
                        COALESCE(t.assigned_at, t.created_at) + (t.resolve_by - COALESCE(t.assigned_at, t.created_at)) * w.street END,
                    CASE WHEN t.level IN ('community', 'street') AND t.resolve_by IS NOT NULL THEN
                        COALESCE(t.assigned_at, t.created_at) + (t.resolve_by - COALESCE(t.assigned_at, t.created_at)) * w.district END)
            END $$;

        ALTER TABLE tickets ADD COLUMN watch_at timestamptz;
        CREATE FUNCTION tickets_watch_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- A watch_at written on purpose (the watch putting off a ticket it found nothing to do on) stands.
            IF TG_OP = 'UPDATE' AND NEW.watch_at IS DISTINCT FROM OLD.watch_at THEN RETURN NEW; END IF;
            NEW.watch_at := ticket_watch_at(NEW, (SELECT w FROM sla_watch w WHERE id = 1));
            RETURN NEW;
        END $$;
        CREATE TRIGGER tickets_watch_at BEFORE INSERT OR UPDATE OF status, respond_by, resolve_by, overdue_respond_at,
            overdue_resolve_at, level, assigned_at, created_at, resolved_at, paused_at, watch_at
            ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_watch_at();
        UPDATE tickets t SET watch_at = ticket_watch_at(t, w) FROM sla_watch w
            WHERE t.status IN ('assigned', 'accepted', 'resolved');
        CREATE INDEX tickets_watch ON tickets (watch_at) WHERE watch_at IS NOT NULL;
        """
}
