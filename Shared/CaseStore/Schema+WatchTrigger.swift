extension Schema {
    /// Migration 60 (issue 16): the deadline queue's trigger (migration 57) without a parse per row.
    ///
    /// `tickets_watch_at()` passed `ticket_watch_at` a sub-select for the watch's settings; an
    /// argument with a sub-select that the function reads several times keeps PostgreSQL from
    /// inlining the SQL function, so every insert and update of a ticket parsed and planned its
    /// body again (`fmgr_sql`, `base_yyparse` under the update triggers in `perf`; about 0.5 ms
    /// per ticket row, 1.4 ms per ticket, the most expensive statement of the benchmark). The
    /// settings are now read into a variable first; `ticket_watch_at` is then inlined into the
    /// trigger's cached plan. Same function, same results.
    static let watchTriggerInlined = """
        CREATE OR REPLACE FUNCTION tickets_watch_at() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE w sla_watch;
        BEGIN
            -- A watch_at written on purpose (the watch putting off a ticket it found nothing to do on) stands.
            IF TG_OP = 'UPDATE' AND NEW.watch_at IS DISTINCT FROM OLD.watch_at THEN RETURN NEW; END IF;
            SELECT * INTO w FROM sla_watch WHERE id = 1;
            NEW.watch_at := ticket_watch_at(NEW, w);
            RETURN NEW;
        END $$;
        """
}
