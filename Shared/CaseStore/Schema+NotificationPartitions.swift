extension Schema {
    /// Migration 62 (issue 16): `notifications` partitioned by month, keyed by a derived id.
    ///
    /// - A partitioned table's unique keys must hold its partition key, so the row's identity
    ///   moved into its id: ``NotificationID`` derives a UUIDv7 from the source's time and
    ///   (source event, kind, recipient). The table is partitioned `BY RANGE (id)`, one partition
    ///   a UTC month (`notifications_pYYYY_MM`, bounds are the month's first millisecond as a v7
    ///   id), so the primary key is the partition key: a replanned source has the same id and
    ///   `ON CONFLICT (id) DO NOTHING` skips it, and a delivery receipt (`WHERE id = $1`) reads one
    ///   partition. `UNIQUE (source_event, kind, recipient)` and its index are gone.
    /// - `notifications_default` takes ids outside the months made (rows of older versions with
    ///   random ids); making a month moves its stray rows out of the default partition first.
    /// - `notifications_keys_before`: the keys of the last 7 days' rows written before this
    ///   migration, whose ids were not derived. The planner's insert skips a source found there, so
    ///   an event planned before the upgrade and redelivered after it is still not sent twice.
    ///   Retention empties it.
    /// - The notifier makes this month's and the next two months' partitions hourly
    ///   (`notifications_partitions`); retention drops months that ended long enough ago
    ///   (`notifications_drop_months`).
    static let partitionedNotifications = """
        ALTER TABLE notifications RENAME TO notifications_before_partitions;
        DROP TRIGGER notifications_inserted ON notifications_before_partitions;
        ALTER TABLE notifications_before_partitions DROP CONSTRAINT IF EXISTS notifications_pkey,
            DROP CONSTRAINT IF EXISTS notifications_source_event_kind_recipient_key;
        DROP INDEX IF EXISTS notifications_due, notifications_ticket, notifications_recipient, notifications_recipient_sent;

        CREATE TABLE notifications (
            id uuid NOT NULL,
            source_event text NOT NULL,
            kind text NOT NULL,
            ticket_id uuid,
            ticket_number text,
            recipient text NOT NULL,
            recipient_role text NOT NULL,
            body text NOT NULL,
            segments int NOT NULL,
            urgent boolean NOT NULL DEFAULT false,
            status text NOT NULL DEFAULT 'pending',
            attempts int NOT NULL DEFAULT 0,
            not_before timestamptz NOT NULL DEFAULT now(),
            claimed_until timestamptz,
            last_error text,
            created_at timestamptz NOT NULL DEFAULT now(),
            sent_at timestamptz,
            delivered_at timestamptz,
            deferred_reason text,
            PRIMARY KEY (id)
        ) PARTITION BY RANGE (id);
        CREATE TABLE notifications_default PARTITION OF notifications DEFAULT;
        CREATE INDEX notifications_due ON notifications (not_before) WHERE status = 'pending';
        CREATE INDEX notifications_ticket ON notifications (ticket_id, created_at);
        CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC);
        CREATE INDEX notifications_recipient_sent ON notifications (recipient, sent_at) WHERE sent_at IS NOT NULL;
        CREATE TRIGGER notifications_inserted AFTER INSERT ON notifications
            FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify();

        -- The smallest UUIDv7 of a moment: its Unix milliseconds, then zeros.
        CREATE FUNCTION notifications_id_floor(at timestamptz) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
            SELECT (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-0000-0000-000000000000')::uuid
            FROM lpad(to_hex(floor(extract(epoch FROM at) * 1000)::bigint), 12, '0') AS h
        $$;

        -- Makes the monthly partitions covering [first, last] that do not exist yet, moving the
        -- rows of such a month out of the default partition. Returns how many it made. Months
        -- are UTC months. One caller at a time (several notifiers run it).
        CREATE FUNCTION notifications_partitions(first date, last date) RETURNS int LANGUAGE plpgsql AS $$
        DECLARE
            month date := date_trunc('month', first)::date;
            made int := 0;
            name text;
            lower uuid;
            upper uuid;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('notifications_partitions'));
            WHILE month <= last LOOP
                name := format('notifications_p%s', to_char(month, 'YYYY_MM'));
                IF to_regclass(name) IS NULL THEN
                    lower := notifications_id_floor(month::timestamp AT TIME ZONE 'UTC');
                    upper := notifications_id_floor((month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
                    EXECUTE format(
                        'CREATE TABLE %I (LIKE notifications INCLUDING DEFAULTS) WITH (autovacuum_vacuum_scale_factor = 0.05, '
                        || 'autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05)', name);
                    EXECUTE format(
                        'WITH moved AS (DELETE FROM notifications_default WHERE id >= $1 AND id < $2 RETURNING *) '
                        || 'INSERT INTO %I SELECT * FROM moved', name) USING lower, upper;
                    EXECUTE format('ALTER TABLE notifications ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, lower, upper);
                    made := made + 1;
                END IF;
                month := (month + interval '1 month')::date;
            END LOOP;
            RETURN made;
        END $$;

        -- Retention: drops the months that ended `keep` ago or more, unless one still holds a
        -- pending row (then only its sent and failed rows older than `keep` go); deletes sent and
        -- failed rows older than `keep` from the default partition and the keys of rows planned
        -- before migration 62 that are as old. Returns the rows removed.
        CREATE FUNCTION notifications_drop_months(keep interval) RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
            part record;
            removed bigint := 0;
            n bigint;
            pending boolean;
        BEGIN
            FOR part IN
                SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'notifications'::regclass AND c.relname ~ '^notifications_p[0-9]{4}_[0-9]{2}$'
                  AND (to_date(right(c.relname, 7), 'YYYY_MM') + interval '1 month') <= now() - keep
                ORDER BY c.relname
            LOOP
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE status = ''pending'')', part.name) INTO pending;
                IF pending THEN
                    EXECUTE format('DELETE FROM %I WHERE status <> ''pending'' AND created_at < now() - $1', part.name) USING keep;
                    GET DIAGNOSTICS n = ROW_COUNT;
                ELSE
                    EXECUTE format('SELECT count(*) FROM %I', part.name) INTO n;
                    EXECUTE format('DROP TABLE %I', part.name);
                END IF;
                removed := removed + n;
            END LOOP;
            DELETE FROM notifications_default WHERE status <> 'pending' AND created_at < now() - keep;
            GET DIAGNOSTICS n = ROW_COUNT;
            DELETE FROM notifications_keys_before WHERE created_at < now() - keep;
            RETURN removed + n;
        END $$;

        SELECT notifications_partitions(
            LEAST(current_date, COALESCE((SELECT min(created_at)::date FROM notifications_before_partitions), current_date)),
            (current_date + interval '2 months')::date);
        INSERT INTO notifications (id, source_event, kind, ticket_id, ticket_number, recipient, recipient_role, body, segments, urgent,
            status, attempts, not_before, claimed_until, last_error, created_at, sent_at, delivered_at, deferred_reason)
        SELECT id, source_event, kind, ticket_id, ticket_number, recipient, recipient_role, body, segments, urgent,
            status, attempts, not_before, claimed_until, last_error, created_at, sent_at, delivered_at, deferred_reason
        FROM notifications_before_partitions;

        CREATE TABLE notifications_keys_before (
            source_event text NOT NULL,
            kind text NOT NULL,
            recipient text NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (source_event, kind, recipient)
        );
        INSERT INTO notifications_keys_before (source_event, kind, recipient, created_at)
        SELECT source_event, kind, recipient, created_at FROM notifications_before_partitions
        WHERE created_at > now() - interval '7 days';
        DROP TABLE notifications_before_partitions;
        """
}
