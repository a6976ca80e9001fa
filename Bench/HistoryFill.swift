import Foundation
import Logging
import Postgres

/// The benchmark's history: fills the database with `BENCH_FILL` closed tickets of the last
/// `BENCH_FILL_DAYS` days (default 1,000,000 over 30: about a month of Beijing's 12345), each
/// with the six events of its life (received, assigned, accepted, resolved, rated, closed) in
/// the history partitions of the outbox, generated inside PostgreSQL in batches.
///
/// The events form valid hash chains (migration 42: each hash covers the previous one and the
/// event's digest as `history_digest` computes it), so `dispatcher verify` passes over them and
/// the hourly seal roots their days like any other. They are written as published (`tx` 1: behind
/// the relay's cursor, `published_at` set), with triggers off for the statement (the chain is
/// computed here, and nobody needs waking). Grids, communities, streets and departments come from
/// the loaded jurisdiction, so statistics and reports over them look like the city's.
enum HistoryFill {
    /// What a fill wrote and what it took.
    struct Report {
        var tickets: Int
        var events: Int
        var seconds: Double
    }

    /// The fill would add events to days whose roots are sealed.
    struct FillRefused: Error, CustomStringConvertible {
        var sealedDays: Int
        var description: String {
            "\(self.sealedDays) day(s) of the fill's window are sealed already (history_roots): filling them would break their roots; fill an empty database"
        }
    }

    /// Tickets per transaction.
    static let batch = 50_000

    static func run(url: String, tickets: Int, days: Int, logger: Logger) async throws -> Report {
        let started = ContinuousClock.now
        let pool = PostgresPool(url: url, size: 1, logger: logger)
        defer { Task { await pool.shutdown() } }
        var events = 0
        // Numbers go on after any earlier fill of this database.
        let offset = try await pool.withConnection { connection in
            try connection.execute("SET statement_timeout = 0")
            // A sealed day's root covers exactly the events it had: events added to it later would
            // break it (dispatcher verify: root mismatch). Fill a database whose last weeks are not
            // sealed yet, as `make bench` does (it starts from an empty one).
            let sealed = try connection.query(
                """
                SELECT count(*) AS n FROM history_roots
                WHERE day >= ((now() - make_interval(days => $1 + 6)) AT TIME ZONE 'Asia/Shanghai')::date
                """,
                [days]
            )[0].decode("n", as: Int.self)
            if sealed > 0 { throw FillRefused(sealedDays: sealed) }
            try connection.query(
                "SELECT outbox_partitions((now() - make_interval(days => $1))::date, (current_date + interval '2 months')::date)", [days]
            )
            return try connection.query("SELECT count(*) AS n FROM tickets WHERE number LIKE '%-F%'")[0].decode("n", as: Int.self)
        }
        var low = 0
        while low < tickets {
            let (from, high) = (low, min(tickets, low + Self.batch))
            events += try await pool.transaction { connection in
                try connection.execute("SET LOCAL session_replication_role = replica")
                try connection.execute("SET LOCAL synchronous_commit = off")
                try connection.execute("SET LOCAL work_mem = '256MB'")
                try connection.query(Self.batchSQL, [offset + from, offset + high, offset + tickets, days])
                try connection.query(Self.ticketsSQL)
                return try connection.query(Self.eventsSQL)[0].decode("n", as: Int.self)
            }
            low = high
            print("  filled \(high) / \(tickets) tickets")
        }
        try await pool.withConnection { try $0.execute("ANALYZE tickets; ANALYZE outbox") }
        let elapsed = ContinuousClock.now - started
        return Report(
            tickets: tickets, events: events,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
    }

    /// One batch of tickets `$1 ..< $2` of `$3`, spread evenly over the `$4` days before now,
    /// in a temporary table both inserts read.
    static let batchSQL = """
        CREATE TEMP TABLE fill_batch ON COMMIT DROP AS
        WITH places AS (
            SELECT array_agg(f -> 'properties' ->> 'code') AS grids,
                array_agg(f -> 'properties' -> 'community' ->> 'code') AS communities,
                array_agg(f -> 'properties' -> 'street' ->> 'code') AS streets,
                array_agg(f -> 'properties' -> 'district' ->> 'code') AS districts,
                array_agg(f -> 'properties' ->> 'name') AS names
            FROM jurisdiction, jsonb_array_elements(grids::jsonb -> 'features') AS f),
        kinds AS (
            SELECT array_agg(c ->> 'code') AS codes, array_agg(c ->> 'department') AS departments, array_agg(c ->> 'name') AS names
            FROM jurisdiction, jsonb_array_elements(catalog::jsonb -> 'categories') AS c
            WHERE c ->> 'handler' = 'department' AND c ->> 'department' IS NOT NULL),
        numbered AS (
            SELECT n, now() - make_interval(secs => $4::int * 86400.0 * (1 - (n - $1::int + 0.5) / ($3::int - $1::int + 0.0))) - interval '6 days' AS at
            FROM generate_series($1::int, $2::int - 1) AS n)
        SELECT n, md5('hotline-fill-' || n)::uuid AS id,
            '12345-' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-F' || lpad(n::text, 7, '0') AS number,
            '居民' || (n % 997) AS caller_name, '139' || lpad((n::bigint * 7919 % 100000000)::text, 8, '0') AS caller_phone,
            p.grids[1 + n % cardinality(p.grids)] AS grid, p.communities[1 + n % cardinality(p.grids)] AS community,
            p.streets[1 + n % cardinality(p.grids)] AS street, p.districts[1 + n % cardinality(p.grids)] AS district,
            p.names[1 + n % cardinality(p.grids)] || '附近' AS address,
            k.codes[1 + (n / 7) % cardinality(k.codes)] AS category, k.departments[1 + (n / 7) % cardinality(k.codes)] AS department,
            k.names[1 + (n / 7) % cardinality(k.codes)] AS category_name,
            CASE WHEN n % 10 = 0 THEN 3 WHEN n % 10 = 1 THEN 2 ELSE 1 END AS rating,
            at AS created_at, at + interval '2 seconds' AS assigned_at, at + interval '2 hours' AS responded_at,
            at + interval '2 days' AS resolved_at, at + interval '2 days 3 hours' AS closed_at,
            at + interval '1 day' AS respond_by, at + interval '5 days' AS resolve_by
        FROM numbered, places p, kinds k
        """

    /// The batch's tickets, closed and rated.
    static let ticketsSQL = """
        INSERT INTO tickets (id, number, version, status, channel, caller_name, caller_phone, description, requested_category,
            category, address, urgency, created_at, updated_at, grid, community, street, district, handler, lead_department,
            departments, level, respond_by, resolve_by, assigned_at, responded_at, resolved_at, closed_at, rating, rated_at,
            rating_source, caller_erased_at)
        SELECT id, number, 6, 'closed', 'phone', caller_name, caller_phone, category_name || '，位置：' || address, NULL,
            category, address, 'general', created_at, closed_at, grid, community, street, district, 'department', department,
            ARRAY[department], 'community', respond_by, resolve_by, assigned_at, responded_at, resolved_at, closed_at, rating, closed_at,
            'sms', NULL
        FROM fill_batch
        """

    /// The batch's events, hash-chained as the trigger of migration 42 would chain them.
    static let eventsSQL = """
        WITH events AS (
            SELECT b.id, b.n, b.caller_name, b.caller_phone, e.pos, e.type, e.at,
                jsonb_build_object(
                    'id', md5('hotline-fill-' || b.n || '-' || e.pos)::uuid, 'type', e.type, 'version', 1,
                    'occurredAt', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'ticketId', b.id, 'ticketNumber', b.number, 'data', e.data) AS doc
            FROM fill_batch b CROSS JOIN LATERAL (VALUES
                (1, 'ticket.received', b.created_at, jsonb_build_object('channel', 'phone', 'category', b.category, 'grid', b.grid,
                    'caller', jsonb_build_object('name', b.caller_name, 'phone', b.caller_phone))),
                (2, 'ticket.assigned', b.assigned_at, jsonb_build_object('grid', b.grid, 'community', b.community, 'handler', 'department',
                    'departments', jsonb_build_array(jsonb_build_object('code', b.department, 'role', 'lead')), 'level', 'community',
                    'deadlines', jsonb_build_object('respondBy', b.respond_by, 'resolveBy', b.resolve_by))),
                (3, 'ticket.accepted', b.responded_at, jsonb_build_object('department', b.department, 'note', '收到')),
                (4, 'ticket.resolved', b.resolved_at, jsonb_build_object('department', b.department, 'note', '已处理完毕')),
                (5, 'ticket.rated', b.closed_at, jsonb_build_object('score', b.rating, 'source', 'sms')),
                (6, 'ticket.closed', b.closed_at, jsonb_build_object('reason', 'rated ' || b.rating))
            ) AS e(pos, type, at, data)),
        digests AS (
            -- history_digest(body, name, phone) without parsing the body again: the body is the
            -- document's canonical text, and the caller's name and phone appear only under
            -- data.caller, which the digest leaves out (dispatcher verify recomputes it the long way).
            SELECT id, n, pos, type, at, doc::text AS body, sha256(convert_to((doc #- '{data,caller}')::text, 'UTF8')) AS digest
            FROM events),
        chains AS (
            SELECT id, n, array_agg(digest ORDER BY pos) AS d, array_agg(body ORDER BY pos) AS bodies,
                array_agg(type ORDER BY pos) AS types, array_agg(at ORDER BY pos) AS ats
            FROM digests GROUP BY id, n),
        hashed AS (
            SELECT c.*, h1, h2, h3, h4, h5, h6 FROM chains c,
                LATERAL (SELECT sha256(decode(repeat('0', 64), 'hex') || c.d[1]) AS h1) x1,
                LATERAL (SELECT sha256(h1 || c.d[2]) AS h2) x2, LATERAL (SELECT sha256(h2 || c.d[3]) AS h3) x3,
                LATERAL (SELECT sha256(h3 || c.d[4]) AS h4) x4, LATERAL (SELECT sha256(h4 || c.d[5]) AS h5) x5,
                LATERAL (SELECT sha256(h5 || c.d[6]) AS h6) x6),
        written AS (
        INSERT INTO outbox (event_id, exchange, routing_key, message_type, ticket_id, body, created_at, published_at,
            chain_pos, prev_hash, chain_hash, history, tx)
        SELECT md5('hotline-fill-' || h.n || '-' || e.pos)::uuid, 'hotline.events', h.types[e.pos], h.types[e.pos], h.id,
            h.bodies[e.pos], h.ats[e.pos], h.ats[e.pos], e.pos, encode(e.prev, 'hex'), encode(e.hash, 'hex'), true, '1'
        FROM hashed h CROSS JOIN LATERAL (VALUES
            (1, decode(repeat('0', 64), 'hex'), h.h1), (2, h.h1, h.h2), (3, h.h2, h.h3),
            (4, h.h3, h.h4), (5, h.h4, h.h5), (6, h.h5, h.h6)) AS e(pos, prev, hash)
        ORDER BY h.n, e.pos
        RETURNING 1)
        SELECT count(*) AS n FROM written
        """
}
