extension Schema {
    /// Migration 56 (issue 16): the outbox becomes an append-only log, partitioned, published
    /// from a cursor.
    ///
    /// - `outbox` is partitioned first by `history` (the rows of `hotline.events` about a ticket:
    ///   its hash-chained history, kept) and then by month of `created_at`
    ///   (`outbox_history_pYYYY_MM`, `outbox_transient_pYYYY_MM`, and a default partition each for
    ///   anything outside the months made so far). Retention drops whole transient months
    ///   (`outbox_drop_transient`); the relay leader makes the months ahead (`outbox_partitions`).
    /// - A row is never claimed: one relay per database (the holder of an advisory lock) reads
    ///   the rows after `outbox_cursor` in `(tx, seq)` order, only of transactions older than
    ///   every running one (`tx < pg_snapshot_xmin`), so no row can commit behind the cursor.
    ///   `tx` is the writing transaction's id. Rows with `tx` 1 are behind every cursor (rows
    ///   migrated published, and the benchmark's historical fill); 2 marks rows migrated unpublished.
    /// - `published_at` is still set when a row that is not history is confirmed, for operators:
    ///   `published_at` is in no index, so the update can be heap-only (no index entry), on pages
    ///   kept 20 % free. History rows are never updated (see `OutboxRelay`).
    /// - The history chain (migration 42) is unchanged; its trigger looks for a ticket's last
    ///   event only in the months since the ticket was created.
    static let appendOnlyOutbox = """
        ALTER TABLE outbox RENAME TO outbox_before_partitions;
        DROP TRIGGER outbox_inserted ON outbox_before_partitions;
        DROP TRIGGER outbox_history_chain ON outbox_before_partitions;
        ALTER SEQUENCE outbox_seq_seq OWNED BY NONE;

        CREATE TABLE outbox (
            seq bigint NOT NULL DEFAULT nextval('outbox_seq_seq'),
            event_id uuid NOT NULL,
            exchange text NOT NULL,
            routing_key text NOT NULL,
            message_type text NOT NULL,
            ticket_id uuid,
            body text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            published_at timestamptz,
            traceparent text,
            returned_at timestamptz,
            return_count int NOT NULL DEFAULT 0,
            chain_pos int,
            prev_hash text,
            chain_hash text,
            history boolean NOT NULL DEFAULT true,
            tx xid8 NOT NULL DEFAULT pg_current_xact_id()
        ) PARTITION BY LIST (history);
        ALTER SEQUENCE outbox_seq_seq OWNED BY outbox.seq;
        CREATE TABLE outbox_history PARTITION OF outbox FOR VALUES IN (true) PARTITION BY RANGE (created_at);
        CREATE TABLE outbox_transient PARTITION OF outbox FOR VALUES IN (false) PARTITION BY RANGE (created_at);
        CREATE TABLE outbox_history_default PARTITION OF outbox_history DEFAULT WITH (fillfactor = 80);
        CREATE TABLE outbox_transient_default PARTITION OF outbox_transient DEFAULT WITH (fillfactor = 80);

        -- Makes the monthly partitions (both kinds) covering [first, last] that do not exist yet;
        -- a month whose rows already sit in a default partition is left there. Returns how many
        -- partitions it made. Months are UTC months.
        CREATE FUNCTION outbox_partitions(first date, last date) RETURNS int LANGUAGE plpgsql AS $$
        DECLARE
            month date := date_trunc('month', first)::date;
            made int := 0;
            kind text;
            name text;
            lower timestamptz;
            upper timestamptz;
            stray boolean;
        BEGIN
            WHILE month <= last LOOP
                lower := month::timestamp AT TIME ZONE 'UTC';
                upper := (month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
                FOREACH kind IN ARRAY ARRAY['history', 'transient'] LOOP
                    name := format('outbox_%s_p%s', kind, to_char(month, 'YYYY_MM'));
                    IF to_regclass(name) IS NULL THEN
                        EXECUTE format('SELECT EXISTS (SELECT 1 FROM outbox_%s_default WHERE created_at >= $1 AND created_at < $2)', kind)
                            INTO stray USING lower, upper;
                        IF NOT stray THEN
                            EXECUTE format(
                                'CREATE TABLE %I PARTITION OF outbox_%s FOR VALUES FROM (%L) TO (%L) WITH (fillfactor = 80, '
                                || 'autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05, '
                                || 'autovacuum_analyze_scale_factor = 0.02)',
                                name, kind, lower, upper);
                            made := made + 1;
                        END IF;
                    END IF;
                END LOOP;
                month := (month + interval '1 month')::date;
            END LOOP;
            RETURN made;
        END $$;

        -- Retention: drops the transient months that ended `keep` ago or more, unless one still
        -- holds a row not yet published (behind a stopped relay, or a held task); then deletes
        -- the published rows of that age from the default partition. Returns the rows removed.
        CREATE FUNCTION outbox_drop_transient(keep interval) RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
            part record;
            removed bigint := 0;
            n bigint;
            pending boolean;
        BEGIN
            FOR part IN
                SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'outbox_transient'::regclass AND c.relname ~ '^outbox_transient_p[0-9]{4}_[0-9]{2}$'
                  AND (to_date(right(c.relname, 7), 'YYYY_MM') + interval '1 month') <= now() - keep
                ORDER BY c.relname
            LOOP
                EXECUTE format(
                    'SELECT EXISTS (SELECT 1 FROM %I o, outbox_cursor k WHERE (o.returned_at IS NOT NULL AND o.published_at IS NULL) '
                    || 'OR (o.tx, o.seq) > (k.tx, k.seq))', part.name) INTO pending;
                CONTINUE WHEN pending;
                EXECUTE format('SELECT count(*) FROM %I', part.name) INTO n;
                EXECUTE format('DROP TABLE %I', part.name);
                removed := removed + n;
            END LOOP;
            DELETE FROM outbox_transient_default WHERE published_at < now() - keep;
            GET DIAGNOSTICS n = ROW_COUNT;
            RETURN removed + n;
        END $$;

        SELECT outbox_partitions(
            LEAST(current_date, COALESCE((SELECT min(created_at)::date FROM outbox_before_partitions), current_date)),
            (current_date + interval '2 months')::date);
        INSERT INTO outbox (seq, event_id, exchange, routing_key, message_type, ticket_id, body, created_at, published_at,
            traceparent, returned_at, return_count, chain_pos, prev_hash, chain_hash, history, tx)
        SELECT seq, event_id, exchange, routing_key, message_type, ticket_id, body, created_at, published_at,
            traceparent, returned_at, return_count, chain_pos, prev_hash, chain_hash,
            exchange = 'hotline.events' AND ticket_id IS NOT NULL,
            CASE WHEN published_at IS NULL THEN '2'::xid8 ELSE '1'::xid8 END
        FROM outbox_before_partitions;
        DROP TABLE outbox_before_partitions;

        -- The relay's position: the last (tx, seq) published. Rows with tx 1 lie behind it.
        CREATE TABLE outbox_cursor (
            id int PRIMARY KEY CHECK (id = 1),
            tx xid8 NOT NULL,
            seq bigint NOT NULL,
            moved_at timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO outbox_cursor (id, tx, seq) VALUES (1, '1', 9223372036854775807);

        CREATE INDEX outbox_position ON outbox (tx, seq);
        CREATE INDEX outbox_held ON outbox (returned_at) WHERE returned_at IS NOT NULL;
        CREATE INDEX outbox_history_chain ON outbox_history (ticket_id, chain_pos);
        CREATE INDEX outbox_history_created ON outbox_history USING brin (created_at) WITH (autosummarize = on);

        CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
        CREATE OR REPLACE FUNCTION history_chain() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE last record; who record;
        BEGIN
            IF NEW.ticket_id IS NULL OR NEW.exchange <> 'hotline.events' THEN RETURN NEW; END IF;
            SELECT caller_name, caller_phone, created_at INTO who FROM tickets WHERE id = NEW.ticket_id;
            PERFORM pg_advisory_xact_lock(hashtextextended(NEW.ticket_id::text, 42));
            -- A ticket's events are never older than the ticket (a day of slack for clocks):
            -- only the months since then are searched.
            SELECT chain_pos, chain_hash INTO last FROM outbox_history
                WHERE ticket_id = NEW.ticket_id AND chain_hash IS NOT NULL
                  AND created_at >= COALESCE(who.created_at - interval '1 day', '-infinity')
                ORDER BY chain_pos DESC LIMIT 1;
            NEW.chain_pos := COALESCE(last.chain_pos, 0) + 1;
            NEW.prev_hash := COALESCE(last.chain_hash, repeat('0', 64));
            NEW.chain_hash := encode(sha256(decode(NEW.prev_hash, 'hex') || history_digest(NEW.body, who.caller_name, who.caller_phone)), 'hex');
            RETURN NEW;
        END $$;
        CREATE TRIGGER outbox_history_chain BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION history_chain();
        """
}
