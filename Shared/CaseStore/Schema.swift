import Postgres

/// The versioned schema of the system of record. Each table's owner is named in its comment;
/// `tickets` is the shared case record that every service changes only through `CaseStore`
/// transitions (row lock + state machine + version).
public enum Schema {
    /// All migrations, in order. Never edit one that has shipped: append a new one.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "outbox and inbox", sql: """
            -- Outbox (every publishing service): state changes and their messages in one transaction.
            -- Rows of exchange hotline.events are also the ticket's history.
            CREATE TABLE outbox (
                seq bigserial PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                exchange text NOT NULL,
                routing_key text NOT NULL,
                message_type text NOT NULL,
                ticket_id uuid,
                body text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                claimed_until timestamptz,
                published_at timestamptz
            );
            CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
            CREATE INDEX outbox_ticket ON outbox (ticket_id, seq) WHERE ticket_id IS NOT NULL;
            CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$;
            CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox
                FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

            -- Inbox (every consumer): ids of messages whose effect is committed.
            CREATE TABLE inbox (
                consumer text NOT NULL,
                message_id text NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer, message_id)
            );
            """),
        Migration(version: 2, name: "jurisdiction", sql: """
            -- Jurisdiction (dispatcher imports; every service reads): the city's map and rules.
            CREATE TABLE jurisdiction (
                id int PRIMARY KEY CHECK (id = 1),
                grids text NOT NULL,
                catalog text NOT NULL,
                revision int NOT NULL,
                imported_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE FUNCTION jurisdiction_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('jurisdiction', NEW.revision::text); RETURN NULL; END $$;
            CREATE TRIGGER jurisdiction_changed AFTER INSERT OR UPDATE ON jurisdiction
                FOR EACH ROW EXECUTE FUNCTION jurisdiction_notify();
            """),
        Migration(version: 3, name: "tickets", sql: """
            -- Tickets (intake creates; dispatcher routes; all change state through CaseStore).
            CREATE SEQUENCE ticket_number_seq;
            CREATE TABLE tickets (
                id uuid PRIMARY KEY,
                number text NOT NULL UNIQUE,
                version int NOT NULL DEFAULT 1,
                status text NOT NULL,
                channel text NOT NULL,
                caller_name text,
                caller_phone text,
                description text NOT NULL,
                requested_category text,
                category text,
                address text,
                lat double precision,
                lon double precision,
                requested_grid text,
                requested_urgency text,
                urgency text,
                major text,
                external_id text,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                grid text,
                community text,
                street text,
                district text,
                handler text,
                lead_department text,
                departments text[] NOT NULL DEFAULT '{}',
                returned_by text[] NOT NULL DEFAULT '{}',
                level text NOT NULL DEFAULT 'community',
                routing text,
                respond_by timestamptz,
                resolve_by timestamptz,
                assigned_at timestamptz,
                responded_at timestamptz,
                resolved_at timestamptz,
                closed_at timestamptz,
                rating int,
                rated_at timestamptz,
                reopen_count int NOT NULL DEFAULT 0,
                return_count int NOT NULL DEFAULT 0,
                overdue_respond_at timestamptz,
                overdue_resolve_at timestamptz,
                duplicate_of uuid REFERENCES tickets(id),
                duplicate_count int NOT NULL DEFAULT 0,
                follow_up boolean NOT NULL DEFAULT false
            );
            CREATE INDEX tickets_created ON tickets (created_at DESC, id DESC);
            CREATE INDEX tickets_status_created ON tickets (status, created_at DESC, id DESC);
            CREATE INDEX tickets_street_created ON tickets (street, created_at DESC);
            CREATE INDEX tickets_grid_created ON tickets (grid, created_at DESC);
            CREATE INDEX tickets_lead_department ON tickets (lead_department, status);
            CREATE INDEX tickets_departments ON tickets USING gin (departments);
            CREATE INDEX tickets_open_deadlines ON tickets (resolve_by)
                WHERE status IN ('assigned', 'accepted');
            CREATE INDEX tickets_caller_phone ON tickets (caller_phone, created_at DESC);
            CREATE INDEX tickets_open_category_grid ON tickets (category, grid, created_at DESC)
                WHERE status IN ('received', 'assigned', 'accepted');

            -- Idempotency keys (intake): a retried POST returns the ticket it created.
            CREATE TABLE idempotency_keys (
                api_key_id uuid NOT NULL,
                key text NOT NULL,
                request_hash text NOT NULL,
                ticket_id uuid NOT NULL REFERENCES tickets(id),
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (api_key_id, key)
            );

            -- API keys (intake): stored as SHA-256 digests only.
            CREATE TABLE api_keys (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL,
                department text,
                key_hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now(),
                revoked_at timestamptz
            );
            """),
        Migration(version: 4, name: "notifications", sql: """
            -- Notifications (notifier): one row per SMS; sent from this table, never from a handler.
            CREATE TABLE notifications (
                id uuid PRIMARY KEY,
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
                UNIQUE (source_event, kind, recipient)
            );
            CREATE INDEX notifications_due ON notifications (not_before) WHERE status = 'pending';
            CREATE INDEX notifications_ticket ON notifications (ticket_id, created_at);
            CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC);
            CREATE FUNCTION notifications_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('notifications', ''); RETURN NULL; END $$;
            CREATE TRIGGER notifications_inserted AFTER INSERT ON notifications
                FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify();

            -- Inbound SMS (notifier): every reply kept, whatever it said.
            CREATE TABLE inbound_sms (
                id bigserial PRIMARY KEY,
                sender text NOT NULL,
                body text NOT NULL,
                received_at timestamptz NOT NULL,
                outcome text NOT NULL,
                ticket_id uuid,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration(version: 5, name: "clusters", sql: """
            -- Cluster alerts (dispatcher): one per category and grid per window (未诉先办).
            CREATE TABLE cluster_alerts (
                id bigserial PRIMARY KEY,
                category text NOT NULL,
                grid text NOT NULL,
                ticket_count int NOT NULL,
                raised_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX cluster_alerts_recent ON cluster_alerts (category, grid, raised_at DESC);
            CREATE INDEX tickets_duplicate_of ON tickets (duplicate_of) WHERE duplicate_of IS NOT NULL;
            """),
        Migration(version: 6, name: "routing indexes", sql: """
            -- Indexes whose predicates match the dispatcher's per-ticket queries exactly, so a large
            -- open backlog costs an index range, not a scan (measured: 1-3 ms -> well under 0.1 ms).
            CREATE INDEX tickets_duplicate_candidates ON tickets (category, grid, created_at)
                WHERE status IN ('assigned', 'accepted') AND duplicate_of IS NULL;
            CREATE INDEX tickets_duplicate_candidates_located ON tickets (category, lat, lon)
                WHERE status IN ('assigned', 'accepted') AND duplicate_of IS NULL AND lat IS NOT NULL;
            CREATE INDEX tickets_cluster_members ON tickets (category, grid, created_at)
                WHERE status IN ('assigned', 'accepted', 'duplicate');
            """),
        Migration(version: 7, name: "cluster alert buckets", sql: """
            -- One alert per category, grid and window bucket, guaranteed by the index rather than a
            -- lock, so routing consumers running side by side never wait on each other for it.
            ALTER TABLE cluster_alerts ADD COLUMN bucket bigint;
            CREATE UNIQUE INDEX cluster_alerts_once ON cluster_alerts (category, grid, bucket);
            """),
        Migration(version: 8, name: "trace context", sql: """
            -- W3C trace context: the trace of the request that created a ticket follows every event
            -- and task about it (AMQP header `traceparent`), so one id finds it in every log.
            ALTER TABLE tickets ADD COLUMN trace_id text;
            ALTER TABLE outbox ADD COLUMN traceparent text;
            """),
        Migration(version: 10, name: "broadcasts and rate limits", sql: """
            -- Broadcasts (一键响应). Intake writes `broadcasts` (one row per POST /v1/broadcasts, in the
            -- transaction of its broadcast.created event) and only reads the rest; the notifier owns
            -- `fanned_out_at`/`recipient_count` and `broadcast_recipients` (the fan-out, one row per
            -- grid worker's phone, and their acknowledgements). Delivery state is the notifications row's.
            CREATE TABLE broadcasts (
                id uuid PRIMARY KEY,
                scope_kind text NOT NULL CHECK (scope_kind IN ('district', 'street', 'community')),
                scope_code text NOT NULL,
                text text NOT NULL,
                require_ack boolean NOT NULL,
                created_by text NOT NULL,
                api_key_id uuid,
                idempotency_key text,
                request_hash text,
                created_at timestamptz NOT NULL DEFAULT now(),
                fanned_out_at timestamptz,
                recipient_count int,
                UNIQUE (api_key_id, idempotency_key)
            );
            CREATE TABLE broadcast_recipients (
                broadcast_id uuid NOT NULL REFERENCES broadcasts(id),
                phone text NOT NULL,
                name text NOT NULL,
                grids text[] NOT NULL,
                notification_id uuid NOT NULL,
                acknowledged_at timestamptz,
                PRIMARY KEY (broadcast_id, phone)
            );
            CREATE INDEX broadcast_recipients_phone ON broadcast_recipients (phone);

            -- Notifications (notifier): why a row waits, and the per-phone hourly rate window.
            ALTER TABLE notifications ADD COLUMN deferred_reason text;
            CREATE INDEX notifications_recipient_sent ON notifications (recipient, sent_at) WHERE sent_at IS NOT NULL;
            """),
        Migration(version: 11, name: "households", sql: """
            -- Households (一户一档). Imported by the dispatcher, read and changed through intake, checked
            -- in by the notifier. `colour` is what acts (the override if any, else `rule_colour`).
            CREATE TABLE households (
                code text PRIMARY KEY,
                address text NOT NULL,
                address_key text NOT NULL,
                grid text NOT NULL,
                lat double precision,
                lon double precision,
                kind text NOT NULL CHECK (kind IN ('residential', 'commercial')),
                checkin boolean NOT NULL DEFAULT false,
                watcher jsonb,
                members jsonb NOT NULL DEFAULT '[]',
                colour text NOT NULL CHECK (colour IN ('red', 'yellow', 'green')),
                rule_colour text NOT NULL,
                colour_reason text NOT NULL,
                override_colour text,
                override_reason text,
                override_by text,
                override_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX households_grid ON households (grid, code);
            CREATE INDEX households_address ON households (address_key);
            CREATE INDEX households_checkin ON households (code) WHERE checkin;
            -- Every phone of a household (members and watcher), for routing and check-in replies.
            CREATE TABLE household_phones (
                phone text NOT NULL,
                household text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
                role text NOT NULL CHECK (role IN ('member', 'watcher')),
                PRIMARY KEY (phone, household, role)
            );
            CREATE INDEX household_phones_household ON household_phones (household);
            -- The household's own history: imports that changed it, edits, colour overrides.
            CREATE TABLE household_events (
                id bigserial PRIMARY KEY,
                household text NOT NULL,
                at timestamptz NOT NULL DEFAULT now(),
                actor text NOT NULL,
                action text NOT NULL,
                detail jsonb NOT NULL DEFAULT '{}'
            );
            CREATE INDEX household_events_household ON household_events (household, id);
            -- Who read which household's file, and when (personal data).
            CREATE TABLE household_reads (
                id bigserial PRIMARY KEY,
                household text NOT NULL,
                actor text NOT NULL,
                role text NOT NULL,
                key_id uuid,
                at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX household_reads_household ON household_reads (household, at);
            CREATE TABLE household_visits (
                id uuid PRIMARY KEY,
                household text NOT NULL REFERENCES households(code),
                visitor text NOT NULL,
                visited_at timestamptz NOT NULL,
                findings text NOT NULL,
                ticket_id uuid,
                recorded_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX household_visits_household ON household_visits (household, visited_at DESC);
            -- One check-in per household and local day: the primary key is what makes the SMS
            -- once a day, across restarts and notifier instances.
            CREATE TABLE household_checkins (
                household text NOT NULL REFERENCES households(code),
                day date NOT NULL,
                sent_to text NOT NULL,
                notification_id uuid NOT NULL,
                planned_at timestamptz NOT NULL DEFAULT now(),
                due_at timestamptz NOT NULL,
                answered_at timestamptz,
                answered_by text,
                missed_at timestamptz,
                ticket_id uuid,
                PRIMARY KEY (household, day)
            );
            CREATE INDEX household_checkins_open ON household_checkins (due_at) WHERE answered_at IS NULL AND missed_at IS NULL;
            -- The household a ticket came from, and the grid a grid worker's key may see.
            ALTER TABLE tickets ADD COLUMN household text;
            CREATE INDEX tickets_household ON tickets (household, created_at) WHERE household IS NOT NULL;
            ALTER TABLE api_keys ADD COLUMN grid text;
            """),
        Migration(version: 30, name: "outbox notify carries the first seq", sql: """
            -- Outbox (every publishing service): the notify names the lowest seq the statement
            -- inserted, so a relay scans from there instead of from the first unvacuumed row.
            CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('outbox', COALESCE((SELECT min(seq) FROM inserted)::text, '')); RETURN NULL; END $$;
            DROP TRIGGER outbox_inserted ON outbox;
            CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
            """),
        Migration(version: 33, name: "trust: key scopes and expiry, Open311 public requests, household search audit", sql: """
            -- Intake: keys carry their scope (community of a secretary, code of a volunteer) and may expire.
            ALTER TABLE api_keys ADD COLUMN community text;
            ALTER TABLE api_keys ADD COLUMN volunteer text;
            ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
            -- The tickets submitted through Open311 POST: the only ones Open311 shows without a key.
            CREATE TABLE open311_requests (
                ticket_id uuid PRIMARY KEY,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX open311_requests_created ON open311_requests (created_at);
            -- Who listed or searched households, with which filter and how many rows came back.
            CREATE TABLE household_searches (
                id bigserial PRIMARY KEY,
                at timestamptz NOT NULL DEFAULT now(),
                actor text NOT NULL,
                role text NOT NULL,
                key_id uuid,
                action text NOT NULL,
                filter jsonb NOT NULL,
                rows int NOT NULL
            );
            CREATE INDEX household_searches_at ON household_searches (at);
            """),
        Migration(version: 35, name: "trust: inbound message ids, unroutable outbox rows, erased callers", sql: """
            -- Inbound SMS (notifier): the gateway's message id makes a webhook idempotent.
            ALTER TABLE inbound_sms ADD COLUMN message_id text;
            CREATE UNIQUE INDEX inbound_sms_message_id ON inbound_sms (message_id) WHERE message_id IS NOT NULL;
            CREATE INDEX inbound_sms_created ON inbound_sms (created_at);
            -- Outbox (every publishing service): a mandatory message the broker returned as
            -- unroutable (a task for a department without a queue) stays unpublished and is
            -- retried later; when and how often it came back is recorded for operators.
            ALTER TABLE outbox ADD COLUMN returned_at timestamptz, ADD COLUMN return_count int NOT NULL DEFAULT 0;
            CREATE INDEX outbox_returned ON outbox (returned_at) WHERE returned_at IS NOT NULL AND published_at IS NULL;
            CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
            -- Tickets (retention): when the caller's name and phone were erased.
            ALTER TABLE tickets ADD COLUMN caller_erased_at timestamptz;
            CREATE INDEX tickets_closed_callers ON tickets (closed_at) WHERE caller_erased_at IS NULL AND closed_at IS NOT NULL;
            """),
        Migration(version: 37, name: "knowledge base", sql: """
            -- Knowledge base (intake owns): articles searched by overlapping character bigrams.
            -- The *_tokens columns hold the bigrams the domain's BigramTokenizer computed, space
            -- separated; tsv weighs them title A, keywords B, categories and synonyms C, body D
            -- ('simple' config: the tokens are already what we index).
            CREATE TABLE knowledge_articles (
                id uuid PRIMARY KEY,
                slug text UNIQUE,
                title text NOT NULL,
                body text NOT NULL,
                answer text,
                categories text[] NOT NULL DEFAULT '{}',
                keywords text[] NOT NULL DEFAULT '{}',
                department text,
                valid_from date,
                valid_to date,
                version int NOT NULL DEFAULT 1,
                content_hash text NOT NULL,
                title_tokens text NOT NULL,
                keyword_tokens text NOT NULL,
                extra_tokens text NOT NULL,
                body_tokens text NOT NULL,
                tsv tsvector NOT NULL,
                -- Learning from use: the bigrams of the calls this article answered.
                usage_tokens text NOT NULL DEFAULT '',
                usage_tsv tsvector NOT NULL DEFAULT ''::tsvector,
                created_at timestamptz NOT NULL DEFAULT now(),
                created_by text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                updated_by text NOT NULL,
                deleted_at timestamptz,
                deleted_by text
            );
            CREATE INDEX knowledge_articles_tsv ON knowledge_articles USING gin (tsv) WHERE deleted_at IS NULL;
            CREATE INDEX knowledge_articles_usage ON knowledge_articles USING gin (usage_tsv) WHERE deleted_at IS NULL;
            CREATE INDEX knowledge_articles_department ON knowledge_articles (department) WHERE deleted_at IS NULL;
            -- Every version of every article: who changed what, when.
            CREATE TABLE knowledge_versions (
                article_id uuid NOT NULL REFERENCES knowledge_articles(id),
                version int NOT NULL,
                action text NOT NULL,
                changed_by text NOT NULL,
                changed_at timestamptz NOT NULL DEFAULT now(),
                content jsonb NOT NULL,
                PRIMARY KEY (article_id, version)
            );
            """),
        Migration(version: 38, name: "direct answers", sql: """
            -- Direct answers (intake writes; dispatcher and notifier read the status): the article
            -- that answered a ticket on the call, cleared when a dissatisfied rating turned it
            -- into a normal ticket.
            ALTER TABLE tickets ADD COLUMN answered_article uuid;
            -- Which article answered which call, and how it went (answered, satisfied,
            -- dissatisfied): what search learns from.
            CREATE TABLE knowledge_uses (
                ticket_id uuid PRIMARY KEY,
                article_id uuid NOT NULL REFERENCES knowledge_articles(id),
                question text NOT NULL,
                tokens text NOT NULL,
                answered_by text NOT NULL,
                answered_at timestamptz NOT NULL DEFAULT now(),
                outcome text NOT NULL DEFAULT 'answered'
            );
            CREATE INDEX knowledge_uses_article ON knowledge_uses (article_id, answered_at DESC);
            CREATE INDEX knowledge_uses_at ON knowledge_uses (answered_at);
            """),
        Migration(version: 39, name: "jurisdiction versions", sql: """
            -- Jurisdiction versions (dispatcher imports; intake lists them): every import kept with
            -- its files, who imported it and when, so a ticket's routing stays explainable after a
            -- change. `revision` is `jurisdiction.revision` of that import.
            CREATE TABLE jurisdiction_versions (
                revision int PRIMARY KEY,
                imported_at timestamptz NOT NULL DEFAULT now(),
                imported_by text NOT NULL,
                grids text NOT NULL,
                catalog text NOT NULL,
                grid_count int NOT NULL,
                category_count int NOT NULL
            );
            -- The version that routed each ticket (set by routing, CaseStore.store); null before.
            ALTER TABLE tickets ADD COLUMN jurisdiction_version int;
            """),
        Migration(version: 40, name: "current jurisdiction as a version", sql: """
            -- The revision in force before versions were kept becomes the first listed one.
            INSERT INTO jurisdiction_versions (revision, imported_at, imported_by, grids, catalog, grid_count, category_count)
            SELECT revision, imported_at, 'before versions were kept', grids, catalog,
                COALESCE(jsonb_array_length(grids::jsonb -> 'features'), 0),
                COALESCE(jsonb_array_length(catalog::jsonb -> 'categories'), 0)
            FROM jurisdiction ON CONFLICT DO NOTHING;
            """),
        Migration(version: 41, name: "extensions and pauses", sql: """
            -- Supervision (intake writes through CaseStore; dispatcher's SLA watch reads): the latest
            -- extension (延期) and pause (挂起) request of each ticket as {until, reason, status, ...};
            -- every request and decision is also an event in the outbox (the history).
            -- paused_at is set while an approved pause stops the clock; the SLA watch skips those.
            ALTER TABLE tickets ADD COLUMN extension jsonb, ADD COLUMN pause jsonb, ADD COLUMN paused_at timestamptz,
                ADD COLUMN paused_seconds double precision NOT NULL DEFAULT 0;
            -- Ratings with a reason (评单): the resident's words, where the rating came from
            -- (sms, operator, api) and the reason's category for the analysis of bad ratings.
            ALTER TABLE tickets ADD COLUMN rating_reason text, ADD COLUMN rating_source text, ADD COLUMN rating_category text;
            """),
        Migration(version: 42, name: "tamper-evident history", sql: """
            -- History ledger (every service that writes ticket events; dispatcher verifies): each
            -- ticket's events (outbox rows of hotline.events) form a hash chain. chain_pos is the
            -- event's place in its ticket's chain, prev_hash the previous event's chain_hash (64
            -- zeros for the first), chain_hash = sha256(prev_hash || content digest), the content
            -- digest = sha256 of the event body as jsonb text without the caller's personal fields
            -- (data.ticket.caller, data.caller), so erasing them (retention) keeps the chain valid.
            -- Rows written before this migration have no chain. A per-ticket advisory lock
            -- serialises concurrent writers of one ticket's events until commit.
            ALTER TABLE outbox ADD COLUMN chain_pos int, ADD COLUMN prev_hash text, ADD COLUMN chain_hash text;
            CREATE INDEX outbox_chain ON outbox (ticket_id, chain_pos) WHERE chain_hash IS NOT NULL;
            CREATE INDEX outbox_chain_created ON outbox (created_at) WHERE chain_hash IS NOT NULL;
            -- The digest masks the ticket's caller exactly as retention erases it (the JSON string
            -- equal to the name, then the phone anywhere, become '[已删除]': Retention.erased in the
            -- dispatcher), so a chain verifies before and after the caller's erasure alike.
            CREATE FUNCTION history_digest(body text, name text, phone text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
                SELECT sha256(convert_to(((replace(
                    CASE WHEN COALESCE(name, '') <> '' THEN replace(body, to_json(name)::text, to_json('[已删除]'::text)::text) ELSE body END,
                    CASE WHEN COALESCE(phone, '') <> '' THEN phone ELSE '[已删除]' END, '[已删除]')::jsonb
                    #- '{data,ticket,caller}') #- '{data,caller}')::text, 'UTF8')) $$;
            CREATE FUNCTION history_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE last record; who record;
            BEGIN
                IF NEW.ticket_id IS NULL OR NEW.exchange <> 'hotline.events' THEN RETURN NEW; END IF;
                SELECT caller_name, caller_phone INTO who FROM tickets WHERE id = NEW.ticket_id;
                PERFORM pg_advisory_xact_lock(hashtextextended(NEW.ticket_id::text, 42));
                SELECT chain_pos, chain_hash INTO last FROM outbox
                    WHERE ticket_id = NEW.ticket_id AND chain_hash IS NOT NULL ORDER BY chain_pos DESC LIMIT 1;
                NEW.chain_pos := COALESCE(last.chain_pos, 0) + 1;
                NEW.prev_hash := COALESCE(last.chain_hash, repeat('0', 64));
                NEW.chain_hash := encode(sha256(decode(NEW.prev_hash, 'hex') || history_digest(NEW.body, who.caller_name, who.caller_phone)), 'hex');
                RETURN NEW;
            END $$;
            CREATE TRIGGER outbox_history_chain BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION history_chain();
            -- Daily roots (dispatcher seals; reports and the screen show): sha256 over the chain
            -- hashes of the day's events (local day of the business time zone) in seq order.
            CREATE TABLE history_roots (
                day date PRIMARY KEY,
                events int NOT NULL,
                root text NOT NULL,
                sealed_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration(version: 43, name: "grid: summoned departments (吹哨报到)", sql: """
            -- Dispatcher and intake: each department summoned onto a live ticket, its report-in
            -- deadline, when it reported in and when it was marked overdue (once).
            CREATE TABLE summons (
                ticket_id uuid NOT NULL REFERENCES tickets(id),
                department text NOT NULL,
                summoned_by text NOT NULL,
                note text,
                summoned_at timestamptz NOT NULL DEFAULT now(),
                respond_by timestamptz NOT NULL,
                reported_at timestamptz,
                overdue_at timestamptz,
                PRIMARY KEY (ticket_id, department)
            );
            CREATE INDEX summons_pending ON summons (respond_by) WHERE reported_at IS NULL AND overdue_at IS NULL;
            """),
        Migration(version: 44, name: "grid: ticket attachments (photos)", sql: """
            -- Intake: photos on tickets. The bytes live behind AttachmentStorage (here, by default).
            CREATE TABLE attachments (
                id uuid PRIMARY KEY,
                ticket_id uuid NOT NULL REFERENCES tickets(id),
                content_type text NOT NULL,
                size int NOT NULL,
                sha256 text NOT NULL,
                uploaded_by text NOT NULL,
                uploader_role text NOT NULL,
                party text,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX attachments_ticket ON attachments (ticket_id, created_at);
            CREATE TABLE attachment_bytes (
                id uuid PRIMARY KEY REFERENCES attachments(id),
                bytes bytea NOT NULL
            );
            """),
        Migration(version: 48, name: "supervision: monthly topics (每月一题)", sql: """
            -- Intake: a month's recurring problem (category x area) promoted to a tracked topic,
            -- with its owner department, target date, status and the tickets behind it.
            CREATE TABLE topics (
                id uuid PRIMARY KEY,
                month text NOT NULL,
                category text NOT NULL,
                area_level text NOT NULL CHECK (area_level IN ('street', 'community', 'grid')),
                area_code text NOT NULL,
                title text NOT NULL,
                owner_department text NOT NULL,
                target_date date NOT NULL,
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
                note text,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_by text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (month, category, area_level, area_code)
            );
            CREATE INDEX topics_status ON topics (status, target_date);
            CREATE TABLE topic_tickets (
                topic_id uuid NOT NULL REFERENCES topics(id),
                ticket_id uuid NOT NULL REFERENCES tickets(id),
                linked_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (topic_id, ticket_id)
            );
            -- The month's candidates group tickets by category and area over a few months.
            CREATE INDEX tickets_category_created ON tickets (category, created_at);
            -- Rankings and reports count each department's own returns (returned_by): few
            -- tickets, found without scanning the period.
            CREATE INDEX tickets_returned_created ON tickets (created_at) WHERE cardinality(returned_by) > 0;
            """),
        Migration(version: 49, name: "supervision: verified rating (回访复核)", sql: """
            -- Every service that rates (CaseStore): the follow-up call's verified rating, kept
            -- beside the resident's own; the rates count it in place of the resident's when set.
            -- Cleared with the resident's rating when a reopened ticket is resolved again.
            ALTER TABLE tickets ADD COLUMN verified_rating int CHECK (verified_rating BETWEEN 1 AND 3),
                ADD COLUMN verified_note text, ADD COLUMN verified_by text, ADD COLUMN verified_at timestamptz;
            """),
        Migration(version: 50, name: "volunteers: service menu orders, offers, points ledger, observers", sql: """
            -- Dispatcher imports, intake manages: community volunteers (phone protected like a
            -- resident's). `points` is the balance, kept equal to the ledger's last row.
            CREATE TABLE volunteers (
                code text PRIMARY KEY,
                name text NOT NULL,
                phone text NOT NULL UNIQUE,
                community text NOT NULL,
                skills text[] NOT NULL DEFAULT '{}',
                weekdays int[] NOT NULL DEFAULT '{}',
                paused boolean NOT NULL DEFAULT false,
                points int NOT NULL DEFAULT 0 CHECK (points >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX volunteers_community ON volunteers (community, points DESC);
            -- The taker of a service order: set once, by a conditional update (WHERE volunteer IS NULL).
            ALTER TABLE tickets ADD COLUMN volunteer text;
            CREATE INDEX tickets_volunteer ON tickets (volunteer, status) WHERE volunteer IS NOT NULL;
            -- Dispatcher writes when it routes an order: who it was offered to.
            CREATE TABLE volunteer_offers (
                ticket_id uuid NOT NULL REFERENCES tickets(id),
                volunteer text NOT NULL REFERENCES volunteers(code),
                offered_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (ticket_id, volunteer)
            );
            CREATE INDEX volunteer_offers_volunteer ON volunteer_offers (volunteer, offered_at DESC);
            -- The points ledger (家庭文明积分台账): append-only, every row with who and why; the
            -- running balance can never go negative.
            CREATE TABLE volunteer_points (
                id bigserial PRIMARY KEY,
                volunteer text NOT NULL REFERENCES volunteers(code),
                delta int NOT NULL CHECK (delta <> 0),
                balance int NOT NULL CHECK (balance >= 0),
                reason text NOT NULL CHECK (reason IN ('service', 'good_deed', 'redemption')),
                deed text,
                item text,
                note text,
                ticket_id uuid REFERENCES tickets(id),
                by_role text NOT NULL,
                by_name text NOT NULL,
                at timestamptz NOT NULL DEFAULT now(),
                CHECK ((reason = 'service') = (ticket_id IS NOT NULL)),
                CHECK ((reason = 'good_deed') = (deed IS NOT NULL)),
                CHECK ((reason = 'redemption') = (item IS NOT NULL)),
                CHECK ((reason = 'redemption') = (delta < 0))
            );
            -- One service award per order, however often a close is retried.
            CREATE UNIQUE INDEX volunteer_points_service ON volunteer_points (ticket_id) WHERE reason = 'service';
            CREATE INDEX volunteer_points_volunteer ON volunteer_points (volunteer, id);
            CREATE FUNCTION volunteer_points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'volunteer_points is append-only'; END $$;
            CREATE TRIGGER volunteer_points_append_only BEFORE UPDATE OR DELETE ON volunteer_points
                FOR EACH ROW EXECUTE FUNCTION volunteer_points_append_only();
            -- 专属观察员: the volunteer told first when the household misses a check-in.
            CREATE TABLE household_observers (
                household text PRIMARY KEY,
                volunteer text NOT NULL REFERENCES volunteers(code),
                since timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration(version: 53, name: "set-based routing: duplicate keys and cluster counters", sql: """
            -- Dispatcher: a routed ticket's duplicate keys (DuplicateRule): the cell of its
            -- coordinates (0.002-degree squares, row * 1000000 + column) and its grid with its
            -- address without spaces and punctuation. A new ticket's candidates are the open
            -- tickets of its category in its cells and at its address key: two index ranges, not
            -- every open ticket of the category in the grid.
            ALTER TABLE tickets ADD COLUMN dup_cell bigint, ADD COLUMN address_key text;
            UPDATE tickets SET dup_cell = floor(lat / 0.002)::bigint * 1000000 + floor(lon / 0.002)::bigint
                WHERE status IN ('assigned', 'accepted') AND duplicate_of IS NULL AND lat IS NOT NULL AND lon IS NOT NULL;
            -- Close to DuplicateRule.addressKey (which keeps Unicode letters and digits only).
            UPDATE tickets SET address_key = grid || '|' || lower(regexp_replace(address, '[[:space:][:punct:]]', '', 'g'))
                WHERE status IN ('assigned', 'accepted') AND duplicate_of IS NULL AND grid IS NOT NULL AND address IS NOT NULL;
            CREATE INDEX tickets_duplicate_cell ON tickets (category, dup_cell)
                WHERE status IN ('assigned', 'accepted') AND duplicate_of IS NULL AND dup_cell IS NOT NULL;
            CREATE INDEX tickets_duplicate_address ON tickets (category, address_key)
                WHERE status IN ('assigned', 'accepted') AND duplicate_of IS NULL AND address_key IS NOT NULL;
            DROP INDEX IF EXISTS tickets_duplicate_candidates;
            DROP INDEX IF EXISTS tickets_duplicate_candidates_located;
            DROP INDEX IF EXISTS tickets_cluster_members;
            -- Dispatcher: routed tickets per category, grid and bucket (a twelfth of CLUSTER_WINDOW),
            -- upserted once per routing batch; a window's total is the sum of its buckets.
            CREATE TABLE cluster_counts (
                category text NOT NULL,
                grid text NOT NULL,
                bucket bigint NOT NULL,
                count int NOT NULL,
                PRIMARY KEY (category, grid, bucket)
            );
            """),
        Migration(version: 56, name: "append-only partitioned outbox published from a cursor", sql: Schema.appendOnlyOutbox),
        Migration(version: 57, name: "SLA watch reads a deadline queue", sql: Schema.deadlineQueue),
        Migration(version: 58, name: "tickets indexes trimmed, autovacuum per table", sql: Schema.trimmedTickets),
        Migration(version: 59, name: "history links computed per statement", sql: Schema.historyLinks),
        Migration(version: 60, name: "deadline queue trigger without a parse per row", sql: Schema.watchTriggerInlined),
        Migration(version: 61, name: "history links keep generic plans", sql: Schema.historyLinksGeneric),
        Migration(version: 62, name: "notifications partitioned by month on a derived id", sql: Schema.partitionedNotifications),
    ]
}
