import Foundation
import HotlineDomain
import Outbox
import Postgres

/// ``SMSQueue`` on PostgreSQL's `notifications` table.
///
/// A row lives through an insert (already leased when the planner's process sends it itself)
/// and one update (sent, retried or failed): the lease is only written again for rows swept
/// from the table (retries, deferred ones, another instance's or a killed notifier's). Marks of
/// sent messages commit without waiting for the WAL flush (docs/durability.md): a mark lost in a
/// database crash resends with the same `messageId`, the gateway's key for a repeat.
public struct PostgresSMSQueue: SMSQueue {
    let pool: PostgresPool
    /// How long a send may take before the row is another sender's to take (the gateway's
    /// 5-second time-out and then some).
    public static let lease = 20

    /// The queue in `pool`'s database.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func plan(_ rows: [NewNotification], lease: Bool, on connection: PostgresConnection) throws -> Set<String> {
        try Self.plan(rows, lease: lease, on: connection)
    }

    /// ``plan(_:lease:on:)`` for writers that hold a connection and no queue (the planner, the
    /// inbound commands, broadcasts and check-ins: all in their own transaction).
    ///
    /// A row's id is derived from its source (``NotificationID``): a replanned source collides
    /// on the primary key, the table's partition key (migration 62), and is skipped, as is a
    /// source planned before that migration (`notifications_keys_before`).
    public static func plan(_ rows: [NewNotification], lease: Bool, on connection: PostgresConnection) throws -> Set<String> {
        guard !rows.isEmpty else { return [] }
        // A row is leased for the handoff unless the planner deferred it (quiet hours). Not
        // `not_before <= now()`: `now()` is the transaction's start, earlier than the planner's
        // clock, so that test leased nothing and every SMS waited for the sweep.
        let inserted = try connection.query(
            """
            INSERT INTO notifications (id, source_event, kind, ticket_id, ticket_number, recipient, recipient_role, body,
                segments, urgent, not_before, deferred_reason, claimed_until)
            SELECT i, e, k, NULLIF(t, '')::uuid, NULLIF(n, ''), r, ro, b, s, u, nb, NULLIF(d, ''),
                CASE WHEN $13 AND d = '' THEN now() + make_interval(secs => $14) END
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::int[], $10::boolean[], $11::timestamptz[], $12::text[]) AS p(i, e, k, t, n, r, ro, b, s, u, nb, d)
            WHERE NOT EXISTS (SELECT 1 FROM notifications_keys_before l WHERE l.source_event = p.e AND l.kind = p.k AND l.recipient = p.r)
            ON CONFLICT (id) DO NOTHING
            RETURNING id::text AS id, claimed_until IS NOT NULL AS leased
            """,
            [
                rows.map(\.id), rows.map(\.sourceEvent), rows.map(\.kind), rows.map { $0.ticketId ?? "" },
                rows.map { $0.ticketNumber ?? "" }, rows.map(\.recipient), rows.map(\.role), rows.map(\.body),
                rows.map(\.segments), rows.map { $0.urgent ? "true" : "false" },
                rows.map { HotlineJSON.format($0.notBefore) }, rows.map { $0.deferredReason ?? "" },
                lease, Double(Self.lease),
            ]
        )
        guard lease else { return [] }
        return Set(try inserted.filter { try $0.decode("leased", as: Bool.self) }.map { try $0.decode("id", as: String.self) })
    }

    /// Makes this month's and the next two months' partitions of `notifications` that do not
    /// exist yet (migration 62); returns how many it made.
    public static func makePartitions(on connection: PostgresConnection) throws -> Int {
        try connection.query(
            "SELECT notifications_partitions(current_date, (current_date + interval '2 months')::date) AS made"
        )[0].decode("made", as: Int.self)
    }

    public func admit(_ rows: [QueuedSMS], limit: RateLimit?) async throws -> (due: [QueuedSMS], deferred: Int) {
        guard let limit, rows.contains(where: \.limited) else { return (rows, 0) }
        return try await self.pool.transaction { try Self.apply(limit, to: rows, on: $0) }
    }

    public func claim(_ count: Int, limit: RateLimit?) async throws -> (due: [QueuedSMS], deferred: Int) {
        try await self.pool.transaction { connection in
            let claimed = try connection.query(
                """
                UPDATE notifications SET claimed_until = now() + make_interval(secs => $2)
                WHERE id IN (
                    SELECT id FROM notifications
                    WHERE status = 'pending' AND not_before <= now() AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY not_before LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING id::text AS id, recipient, body, kind, ticket_number, attempts, ticket_id::text AS ticket_id,
                    recipient_role = 'resident' AND NOT urgent AS limited, segments, not_before
                """,
                [count, Double(Self.lease)]
            ).map { row in
                (
                    QueuedSMS(
                        id: try row.decode("id", as: String.self), recipient: try row.decode("recipient", as: String.self),
                        body: try row.decode("body", as: String.self), kind: try row.decode("kind", as: String.self),
                        ticketNumber: try row.decode("ticket_number", as: String?.self),
                        ticketId: try row.decode("ticket_id", as: String?.self), attempts: try row.decode("attempts", as: Int.self),
                        limited: try row.decode("limited", as: Bool.self), segments: try row.decode("segments", as: Int.self)
                    ),
                    try row.decode("not_before", as: Date.self)
                )
            }.sorted { $0.1 < $1.1 }.map(\.0)
            guard let limit else { return (claimed, 0) }
            return try Self.apply(limit, to: claimed, on: connection)
        }
    }

    /// Splits `claimed` into what may go now and what waits for the phone's rate window; the
    /// waiting rows get their new `not_before` and lose their lease.
    static func apply(_ limit: RateLimit, to claimed: [QueuedSMS], on connection: PostgresConnection) throws -> (due: [QueuedSMS], deferred: Int) {
        let phones = Array(Set(claimed.filter(\.limited).map(\.recipient))).sorted()
        guard !phones.isEmpty else { return (claimed, 0) }
        // One claimer at a time per phone (several notifier instances share the table); messages
        // leased to a sender and not yet recorded count as sent now.
        try connection.query("SELECT pg_advisory_xact_lock(hashtext('sms-rate:' || p)) FROM unnest($1::text[]) AS p ORDER BY p", [phones])
        var sent: [String: [Date]] = [:]
        for row in try connection.query(
            """
            SELECT recipient, COALESCE(sent_at, now()) AS sent_at FROM notifications
            WHERE recipient = ANY($1::text[]) AND (sent_at > now() - interval '1 hour'
                OR (status = 'pending' AND claimed_until > now() AND id <> ALL($2::uuid[])))
            """,
            [phones, claimed.map(\.id)],
            plan: .generic
        ) {
            sent[try row.decode("recipient", as: String.self), default: []].append(try row.decode("sent_at", as: Date.self))
        }
        let now = Date()
        var allowed = claimed.filter { !$0.limited }
        var heldIds: [String] = [], heldUntil: [String] = []
        for phone in phones {
            let queue = claimed.filter { $0.limited && $0.recipient == phone }
            let plan = limit.schedule(sent: sent[phone] ?? [], due: queue.count, now: now)
            allowed += queue.prefix(plan.allowed)
            for (item, until) in zip(queue.dropFirst(plan.allowed), plan.deferredUntil) {
                heldIds.append(item.id)
                heldUntil.append(HotlineJSON.format(until))
            }
        }
        if !heldIds.isEmpty {
            try connection.query(
                """
                UPDATE notifications n SET not_before = h.u, claimed_until = NULL, deferred_reason = 'rate_limit'
                FROM unnest($1::uuid[], $2::timestamptz[]) AS h(i, u) WHERE n.id = h.i
                """,
                [heldIds, heldUntil]
            )
        }
        return (allowed, heldIds.count)
    }

    public func secondsToNextDue() async throws -> Double? {
        try await self.pool.withConnection { connection in
            try connection.query(
                """
                SELECT extract(epoch FROM min(not_before) - now())::float8 AS wait FROM notifications
                WHERE status = 'pending' AND not_before > now()
                """
            ).first?.decode("wait", as: Double?.self)
        }
    }

    public func record(_ outcomes: SMSOutcomes, failedEvents: [OutboxMessage]) async throws {
        try await self.pool.transaction { connection in
            if failedEvents.isEmpty { try connection.relaxCommitDurability() }
            if !outcomes.sent.isEmpty {
                // A delivery receipt may have beaten this update: keep its status.
                try connection.query(
                    """
                    UPDATE notifications SET status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END,
                        sent_at = now(), attempts = attempts + 1, claimed_until = NULL
                    WHERE id = ANY($1::uuid[])
                    """,
                    [outcomes.sent],
                    plan: .generic
                )
            }
            if !outcomes.retry.isEmpty {
                try connection.query(
                    """
                    UPDATE notifications n SET attempts = attempts + 1, claimed_until = NULL, last_error = r.e,
                        not_before = now() + make_interval(secs => r.d)
                    FROM unnest($1::uuid[], $2::float8[], $3::text[]) AS r(i, d, e) WHERE n.id = r.i
                    """,
                    [outcomes.retry.map(\.id), outcomes.retry.map(\.delay), outcomes.retry.map(\.error)]
                )
            }
            if !outcomes.failed.isEmpty {
                try connection.query(
                    """
                    UPDATE notifications n SET status = 'failed', attempts = attempts + 1, claimed_until = NULL, last_error = r.e
                    FROM unnest($1::uuid[], $2::text[]) AS r(i, e) WHERE n.id = r.i
                    """,
                    [outcomes.failed.map(\.id), outcomes.failed.map(\.reason)]
                )
                try Outbox.append(failedEvents, on: connection)
            }
        }
    }
}
