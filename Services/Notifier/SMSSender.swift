import CaseStore
import Foundation
import HotlineDomain
import Logging
import Metrics
import Outbox
import Postgres
import Resilience
import ServiceLifecycle

/// Sends notifications: first those the planner of this process hands over after its commit
/// (``SMSHandoff``: no claim, no scan), then, as a sweep, due rows of the table (retries,
/// deferred ones, another instance's or a killed notifier's): claims them with a lease, holds back what the
/// per-phone rate limit does not allow yet (moving `not_before`), and sends the rest, up to
/// `maxInFlight` at once. Each message is its own task: a gateway that hangs on one message
/// holds one slot, not a batch. Outcomes are recorded in batches by an `OutcomeRecorder`.
/// Retries back off exponentially with jitter and keep the same messageId; permanent failures
/// are recorded and announced as `notification.failed`. A slow or absent gateway only grows
/// the table; consumption of events never waits for it.
struct SMSSender: Service {
    let pool: PostgresPool
    let gateway: any SMSGateway
    let wakeUps: WakeUps
    /// Rows handed over in memory by this process's planner, if any.
    var handoff: SMSHandoff? = nil
    let rateLimit: RateLimit?
    let metrics: SMSMetrics
    let logger: Logger
    let batchSize = 200
    let maxInFlight = 64
    let maxAttempts = 12

    struct Due: Sendable {
        var sms: OutboundSMS
        var attempts: Int
        var ticketId: String?
        var limited: Bool
        var segments: Int
    }

    func run() async throws {
        let inFlight = InFlightCount()
        let recorder = OutcomeRecorder(sender: self)
        try await self.wakeUps.whileRunning {
            try await withThrowingDiscardingTaskGroup { group in
                var backoff = Backoff()
                for await _ in self.wakeUps.signals().cancelOnGracefulShutdown() {
                    do {
                        while true {
                            let room = min(self.batchSize, self.maxInFlight - inFlight.value)
                            guard room > 0 else { break }
                            let handed = self.handoff?.take(room) ?? []
                            let due = handed.isEmpty ? try await self.claim(limit: room) : try await self.admit(handed)
                            inFlight.add(due.count)
                            for item in due {
                                group.addTask {
                                    let outcome = await self.gateway.send(item.sms)
                                    await recorder.record(item, outcome)
                                    inFlight.add(-1)
                                    // A slot is free: look for more due messages.
                                    self.wakeUps.wake()
                                }
                            }
                            if handed.isEmpty, due.count < room { break }
                        }
                        backoff.reset()
                        try await self.wakeAtNextDue()
                    } catch {
                        self.logger.warning("claiming notifications failed; will retry", metadata: ["error": "\(error)"])
                        try? await Task.sleep(for: backoff.next())
                        self.wakeUps.wake()
                    }
                }
            }
        }
        await self.gateway.shutdown()
    }

    /// Retries fall due between polls: wake exactly then, so backoff gaps are what they say.
    private func wakeAtNextDue() async throws {
        let wait = try await self.pool.withConnection { connection in
            try connection.query(
                """
                SELECT extract(epoch FROM min(not_before) - now())::float8 AS wait FROM notifications
                WHERE status = 'pending' AND not_before > now()
                """
            ).first?.decode("wait", as: Double?.self)
        }
        guard let wait, wait < 1 else { return }
        let wakeUps = self.wakeUps
        // A one-shot timer; the poll covers anything later, so nothing waits on this task.
        Task {
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000) + 5))
            wakeUps.wake()
        }
    }

    /// Of the rows handed over (already leased when written), those the rate limit lets go now;
    /// the others wait in the table for their window, as claimed ones do.
    func admit(_ handed: [Due]) async throws -> [Due] {
        guard let rateLimit = self.rateLimit, handed.contains(where: \.limited) else { return handed }
        let (due, deferred) = try await self.pool.transaction { try Self.applyRateLimit(rateLimit, to: handed, on: $0) }
        self.metrics.deferredRateLimit.increment(by: deferred)
        return due
    }

    /// Claims up to `limit` due messages and returns those the rate limit lets go now. The
    /// 20-second lease outlasts a send (5 s gateway time-out, retries come back through the
    /// table) and is what a killed notifier's messages wait before another one takes them.
    func claim(limit: Int) async throws -> [Due] {
        let rateLimit = self.rateLimit
        let (due, deferred): ([Due], Int) = try await self.pool.transaction { connection in
            let claimed = try connection.query(
                """
                UPDATE notifications SET claimed_until = now() + interval '20 seconds'
                WHERE id IN (
                    SELECT id FROM notifications
                    WHERE status = 'pending' AND not_before <= now() AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY not_before LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING id::text AS id, recipient, body, kind, ticket_number, attempts, ticket_id::text AS ticket_id,
                    recipient_role = 'resident' AND NOT urgent AS limited, segments, not_before
                """,
                [limit]
            ).map { row in
                (
                    Due(
                        sms: OutboundSMS(
                            messageId: try row.decode("id", as: String.self), to: try row.decode("recipient", as: String.self),
                            text: try row.decode("body", as: String.self), kind: try row.decode("kind", as: String.self),
                            ticketNumber: try row.decode("ticket_number", as: String?.self)
                        ),
                        attempts: try row.decode("attempts", as: Int.self),
                        ticketId: try row.decode("ticket_id", as: String?.self),
                        limited: try row.decode("limited", as: Bool.self),
                        segments: try row.decode("segments", as: Int.self)
                    ),
                    try row.decode("not_before", as: Date.self)
                )
            }.sorted { $0.1 < $1.1 }.map(\.0)
            guard let rateLimit else { return (claimed, 0) }
            return try Self.applyRateLimit(rateLimit, to: claimed, on: connection)
        }
        self.metrics.deferredRateLimit.increment(by: deferred)
        return due
    }

    /// Splits `claimed` into what may go now and what waits for the phone's rate window; the
    /// waiting rows get their new `not_before` and lose their lease. Returns the allowed ones
    /// and how many were deferred.
    static func applyRateLimit(_ limit: RateLimit, to claimed: [Due], on connection: PostgresConnection) throws -> ([Due], Int) {
        let phones = Array(Set(claimed.filter(\.limited).map(\.sms.to)))
        guard !phones.isEmpty else { return (claimed, 0) }
        // One claimer at a time per phone (several notifier instances share the table); messages
        // claimed earlier and still in flight count as sent now.
        try connection.query("SELECT pg_advisory_xact_lock(hashtext('sms-rate:' || p)) FROM unnest($1::text[]) AS p ORDER BY p", [phones.sorted()])
        var sent: [String: [Date]] = [:]
        for row in try connection.query(
            """
            SELECT recipient, COALESCE(sent_at, now()) AS sent_at FROM notifications
            WHERE recipient = ANY($1::text[]) AND (sent_at > now() - interval '1 hour'
                OR (status = 'pending' AND claimed_until > now() AND id <> ALL($2::uuid[])))
            """,
            [phones, claimed.map(\.sms.messageId)]
        ) {
            sent[try row.decode("recipient", as: String.self), default: []].append(try row.decode("sent_at", as: Date.self))
        }
        let now = Date()
        var allowed: [Due] = claimed.filter { !$0.limited }
        var heldIds: [String] = [], heldUntil: [String] = []
        for phone in phones {
            let queue = claimed.filter { $0.limited && $0.sms.to == phone }
            let plan = limit.schedule(sent: sent[phone] ?? [], due: queue.count, now: now)
            allowed += queue.prefix(plan.allowed)
            for (item, until) in zip(queue.dropFirst(plan.allowed), plan.deferredUntil) {
                heldIds.append(item.sms.messageId)
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

    /// Records outcomes: sent, retry later (backoff with jitter), or failed for good with its event.
    func record(_ due: [Due], _ outcomes: [SendOutcome]) async throws {
        var sentIds: [String] = []
        var retryIds: [String] = [], retryDelays: [String] = [], retryErrors: [String] = []
        var failures: [(Due, String)] = []
        for (item, outcome) in zip(due, outcomes) {
            switch outcome {
            case .accepted:
                sentIds.append(item.sms.messageId)
                self.metrics.segments.increment(by: item.segments)
            case .retry(let reason, let after) where item.attempts + 1 < self.maxAttempts:
                retryIds.append(item.sms.messageId)
                retryDelays.append(String(max(after ?? 0, Self.retryDelay(attempt: item.attempts + 1))))
                retryErrors.append(reason)
            case .retry(let reason, _), .permanent(let reason):
                failures.append((item, reason))
            }
        }
        self.metrics.sent.increment(by: sentIds.count)
        self.metrics.retried.increment(by: retryIds.count)
        self.metrics.failed.increment(by: failures.count)
        for (item, reason) in failures {
            self.logger.warning(
                "SMS failed permanently",
                metadata: ["to": "\(PhoneNumber.mask(item.sms.to))", "kind": "\(item.sms.kind)", "reason": "\(reason)"]
            )
        }
        let (sentIds2, retryIds2, retryDelays2, retryErrors2, failures2) = (sentIds, retryIds, retryDelays, retryErrors, failures)
        try await self.pool.transaction { connection in
            let (sentIds, retryIds, retryDelays, retryErrors, failures) = (sentIds2, retryIds2, retryDelays2, retryErrors2, failures2)
            if !sentIds.isEmpty {
                // A delivery receipt may have beaten this update: keep its status.
                try connection.query(
                    """
                    UPDATE notifications SET status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END,
                        sent_at = now(), attempts = attempts + 1, claimed_until = NULL
                    WHERE id = ANY($1::uuid[])
                    """,
                    [sentIds]
                )
            }
            if !retryIds.isEmpty {
                try connection.query(
                    """
                    UPDATE notifications n SET attempts = attempts + 1, claimed_until = NULL, last_error = r.e,
                        not_before = now() + make_interval(secs => r.d::float8)
                    FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(i, d, e) WHERE n.id = r.i
                    """,
                    [retryIds, retryDelays, retryErrors]
                )
            }
            if !failures.isEmpty {
                try connection.query(
                    """
                    UPDATE notifications n SET status = 'failed', attempts = attempts + 1, claimed_until = NULL, last_error = r.e
                    FROM unnest($1::uuid[], $2::text[]) AS r(i, e) WHERE n.id = r.i
                    """,
                    [failures.map(\.0.sms.messageId), failures.map(\.1)]
                )
                try Outbox.append(
                    try failures.map { item, reason in
                        try NotificationFailed.event(
                            messageId: item.sms.messageId, kind: item.sms.kind, to: item.sms.to, reason: reason,
                            ticketId: item.ticketId, ticketNumber: item.sms.ticketNumber
                        )
                    },
                    on: connection
                )
            }
        }
    }

    /// Seconds before attempt `attempt`: 1, 2, 4... capped at 5 minutes, each with jitter over
    /// its upper quarter, so that retries of many messages spread out while every gap stays
    /// longer than the one before.
    static func retryDelay(attempt: Int) -> Double {
        let cap = min(300.0, pow(2.0, Double(attempt - 1)))
        return Double.random(in: (cap * 0.75)...cap)
    }
}
