import CaseStore
import Foundation
import HotlineDomain
import Logging
import Metrics
import Outbox
import Postgres
import ServiceLifecycle

/// Sends due notifications from the table: claims a batch with a lease, sends them with
/// bounded concurrency, and records each outcome. Retries back off exponentially with jitter
/// and keep the same messageId; permanent failures are recorded and announced as
/// `notification.failed`. A slow or absent gateway only grows the table; consumption of
/// events never waits for it.
struct SMSSender: Service {
    let pool: PostgresPool
    let gateway: any SMSGateway
    let wakeUps: WakeUps
    let logger: Logger
    let batchSize = 200
    let concurrency = 32
    let maxAttempts = 12
    let sent = Counter(label: "hotline_sms_sent_total")
    let retried = Counter(label: "hotline_sms_retried_total")
    let failed = Counter(label: "hotline_sms_failed_total")

    struct Due {
        var sms: OutboundSMS
        var attempts: Int
        var ticketId: String?
    }

    func run() async throws {
        try await self.wakeUps.whileRunning {
            var backoff = Backoff()
            for await _ in self.wakeUps.signals().cancelOnGracefulShutdown() {
                do {
                    while try await self.sendDue() == self.batchSize {}
                    backoff.reset()
                } catch {
                    self.logger.warning("sending failed; will retry", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: backoff.next())
                    self.wakeUps.wake()
                }
            }
        }
        await self.gateway.shutdown()
    }

    /// Sends one batch of due messages; returns how many were claimed.
    func sendDue() async throws -> Int {
        let limit = self.batchSize
        let due: [Due] = try await self.pool.withConnection { connection in
            try connection.query(
                """
                UPDATE notifications SET claimed_until = now() + interval '60 seconds'
                WHERE id IN (
                    SELECT id FROM notifications
                    WHERE status = 'pending' AND not_before <= now() AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY not_before LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING id::text AS id, recipient, body, kind, ticket_number, attempts, ticket_id::text AS ticket_id
                """,
                [limit]
            ).map { row in
                Due(
                    sms: OutboundSMS(
                        messageId: try row.decode("id", as: String.self), to: try row.decode("recipient", as: String.self),
                        text: try row.decode("body", as: String.self), kind: try row.decode("kind", as: String.self),
                        ticketNumber: try row.decode("ticket_number", as: String?.self)
                    ),
                    attempts: try row.decode("attempts", as: Int.self),
                    ticketId: try row.decode("ticket_id", as: String?.self)
                )
            }
        }
        guard !due.isEmpty else { return 0 }
        let outcomes = await self.sendAll(due)
        try await self.record(due, outcomes)
        return due.count
    }

    private func sendAll(_ due: [Due]) async -> [SendOutcome] {
        await withTaskGroup(of: (Int, SendOutcome).self) { group in
            var outcomes = [SendOutcome](repeating: .retry("not sent"), count: due.count)
            var next = 0
            func start(_ group: inout TaskGroup<(Int, SendOutcome)>) {
                let index = next
                let sms = due[index].sms
                group.addTask { (index, await self.gateway.send(sms)) }
                next += 1
            }
            while next < min(self.concurrency, due.count) { start(&group) }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < due.count { start(&group) }
            }
            return outcomes
        }
    }

    private func record(_ due: [Due], _ outcomes: [SendOutcome]) async throws {
        var sentIds: [String] = []
        var retryIds: [String] = [], retryDelays: [String] = [], retryErrors: [String] = []
        var failures: [(Due, String)] = []
        for (item, outcome) in zip(due, outcomes) {
            switch outcome {
            case .accepted:
                sentIds.append(item.sms.messageId)
            case .retry(let reason) where item.attempts + 1 < self.maxAttempts:
                retryIds.append(item.sms.messageId)
                retryDelays.append(String(self.retryDelay(attempt: item.attempts + 1)))
                retryErrors.append(reason)
            case .retry(let reason), .permanent(let reason):
                failures.append((item, reason))
            }
        }
        self.sent.increment(by: sentIds.count)
        self.retried.increment(by: retryIds.count)
        self.failed.increment(by: failures.count)
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
                try connection.query(
                    """
                    UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, claimed_until = NULL
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
                let events = try failures.map { item, reason in
                    try OutboxMessage.event(
                        EventEnvelope(
                            id: UUID().uuidString.lowercased(), type: EventType.notificationFailed.rawValue, version: 1,
                            occurredAt: Date(), ticketId: item.ticketId, ticketNumber: item.sms.ticketNumber,
                            data: .object([
                                "messageId": .string(item.sms.messageId), "kind": .string(item.sms.kind),
                                "to": .string(PhoneNumber.mask(item.sms.to)), "reason": .string(reason),
                            ])
                        )
                    )
                }
                try Outbox.append(events, on: connection)
            }
        }
    }

    /// Seconds before attempt `attempt`: 1, 2, 4... capped at 5 minutes, with full jitter.
    private func retryDelay(attempt: Int) -> Double {
        let cap = min(300.0, pow(2.0, Double(attempt - 1)))
        return Double.random(in: (cap / 2)...cap)
    }
}
