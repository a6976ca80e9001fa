import AMQP
import Foundation
import Logging
import Metrics
import Postgres
import Resilience
import ServiceLifecycle
import Synchronization

/// Publishes the outbox from a cursor, one relay per database (migration 56).
///
/// Rows are never claimed. The relay that holds the leader lock (``RelayLeadership``) reads the
/// rows after `outbox_cursor` in `(tx, seq)` order, only those of transactions older than any
/// still running (`tx < pg_snapshot_xmin(...)`: a row cannot commit behind the cursor later),
/// publishes them with confirms in flight, then moves the cursor and stamps `published_at` of
/// the rows that are not a ticket's history in one transaction (`synchronous_commit = off`: a cursor lost in a crash republishes a batch,
/// and the consumers' inbox drops the copies). A relay that dies between publish and cursor
/// does the same. The leader wakes after each commit of its own process, on `NOTIFY outbox`
/// from the others, and polls as a fallback; the other relays only wait to take over.
///
/// A task the broker returns (no department queue bound) is held: `returned_at` and
/// `return_count` are recorded, the cursor moves on, and the held rows are tried again every
/// `returnRetry`. The leader also makes the outbox's monthly partitions ahead of time.
public struct OutboxRelay: Service {
    let pool: PostgresPool
    let publisher: AMQPPublisher
    let wakeUps: WakeUps
    let logger: Logger
    let batchSize: Int
    let leadership: RelayLeadership?
    let published = Counter(label: "hotline_outbox_published_total")
    let failures = Counter(label: "hotline_outbox_publish_failures_total")
    let backlog = Gauge(label: "hotline_outbox_backlog")
    let oldestAge = Gauge(label: "hotline_outbox_oldest_age_seconds")
    let unroutable = Gauge(label: "hotline_outbox_unroutable")
    /// How long a message the broker returned as unroutable waits before the next try.
    let returnRetry: Duration

    /// One pass at a time in a process: relays sharing a process (tests) never read the same batch.
    private static let passing = Mutex(false)

    /// A relay over `pool`'s outbox publishing through `publisher`, woken by `wakeUps`. With
    /// `leaderURL` (the database URL) it competes for the leader lock on a session of its own
    /// and relays only while it holds it; without, ``run()`` relays whenever no other relay
    /// holds the lock. `lease` is kept for callers of the old lease queue and is unused.
    public init(
        pool: PostgresPool, publisher: AMQPPublisher, wakeUps: WakeUps, logger: Logger,
        batchSize: Int = 500, lease: Duration = .seconds(30), returnRetry: Duration = .seconds(30), leaderURL: String? = nil
    ) {
        self.returnRetry = returnRetry
        self.pool = pool
        self.publisher = publisher
        self.wakeUps = wakeUps
        self.logger = logger
        self.batchSize = batchSize
        self.leadership = leaderURL.map { RelayLeadership(url: $0, logger: logger) }
        let wakeUps = self.wakeUps
        pool.afterEachCommit { wakeUps.wake() }
    }

    public func run() async throws {
        try await self.wakeUps.whileRunning {
            var backoff = Backoff()
            var chores = ContinuousClock.now - .seconds(3600)
            var heldChecked = ContinuousClock.now - .seconds(1)
            var leading = false
            var asked = ContinuousClock.now - .seconds(1)
            for await _ in self.wakeUps.signals().cancelOnGracefulShutdown() {
                _ = self.wakeUps.takeHint()
                // Whether it leads is asked once a second, not at every commit or notify: a leader
                // that lost its session unnoticed for that long only publishes copies.
                if ContinuousClock.now - asked >= .milliseconds(900) {
                    asked = .now
                    leading = await self.leads()
                }
                guard leading else { continue }
                do {
                    // Drain: a full batch means more may be waiting.
                    while try await self.pass() == self.batchSize {}
                    if ContinuousClock.now - heldChecked >= .seconds(1) {
                        try await self.retryHeld()
                        heldChecked = .now
                    }
                    if ContinuousClock.now - chores > .seconds(3600) {
                        try await self.makePartitions()
                        chores = .now
                    }
                    backoff.reset()
                } catch {
                    self.failures.increment()
                    self.logger.warning("outbox relay failed; will retry", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: backoff.next())
                    self.wakeUps.wake()
                }
            }
            await self.leadership?.release()
        }
    }

    /// Whether this relay may publish now: it holds the leader lock, or (without a session of
    /// its own) nobody does.
    private func leads() async -> Bool {
        if let leadership = self.leadership { return await leadership.hold() }
        return (try? await self.pool.withConnection { connection in
            // Taken and let go at once: only asks whether a leader holds it.
            try connection.query("SELECT pg_try_advisory_xact_lock($1) AS free", [RelayLeadership.lockKey])[0].decode("free", as: Bool.self)
        }) ?? false
    }

    /// Publishes one batch after the cursor unless another relay leads or is busy in this
    /// process; returns how many rows it published.
    @discardableResult
    public func relayOnce() async throws -> Int {
        guard await self.leads() else { return 0 }
        let published = try await self.pass()
        try await self.retryHeld()
        return published
    }

    private struct Row {
        var tx: String
        var seq: Int64
        var message: AMQPOutgoingMessage
    }

    /// One batch after the cursor: read, publish, settle. Returns the rows published.
    private func pass() async throws -> Int {
        guard Self.passing.withLock({ busy in defer { busy = true }; return !busy }) else { return 0 }
        defer { Self.passing.withLock { $0 = false } }
        let limit = self.batchSize
        let rows = try await self.pool.withConnection { connection in
            try connection.query(
                """
                SELECT seq, tx::text AS tx, event_id::text AS id, exchange, routing_key, message_type, body, traceparent
                FROM outbox
                WHERE (tx, seq) > ((SELECT tx FROM outbox_cursor WHERE id = 1), (SELECT seq FROM outbox_cursor WHERE id = 1))
                  AND tx < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
                -- The columns, not the text aliases above: xids compared as numbers, in index order.
                ORDER BY outbox.tx, outbox.seq LIMIT $1
                """,
                [limit]
            ).map(Self.row)
        }
        guard !rows.isEmpty else { return 0 }
        var returned = Set<Int>()
        var stop = rows.count
        do {
            try await self.publisher.publish(rows.map(\.message))
        } catch let error as AMQPError where !error.isConnectionError && !error.nackedByBroker && !error.returnedIndices.isEmpty {
            returned = Set(error.returnedIndices)
            // A message neither confirmed nor returned is tried again with everything after it.
            stop = Set(error.failedIndices).subtracting(returned).min() ?? rows.count
        }
        guard stop > 0 else { return 0 }
        let settled = rows[..<stop]
        let published = settled.indices.filter { !returned.contains($0) }.map { rows[$0].seq }
        let held = settled.indices.filter { returned.contains($0) }.map { rows[$0].seq }
        let (first, last) = (settled.first!, settled.last!)
        try await self.pool.transaction { connection in
            try connection.execute("SET LOCAL synchronous_commit = off")
            // The batch's range of the (tx, seq) index, then its rows by seq.
            let range = "(tx, seq) >= ($1::xid8, $2::bigint) AND (tx, seq) <= ($3::xid8, $4::bigint) AND seq = ANY($5::bigint[])"
            // History rows are not stamped: the cursor says they went out, and a ticket's events
            // (two thirds of the rows, the big ones) are then written once and never again.
            if !published.isEmpty {
                try connection.query(
                    "UPDATE outbox SET published_at = now() WHERE NOT history AND \(range)", [first.tx, first.seq, last.tx, last.seq, published],
                    plan: .generic
                )
            }
            if !held.isEmpty {
                try connection.query(
                    "UPDATE outbox SET returned_at = now(), return_count = return_count + 1 WHERE \(range)",
                    [first.tx, first.seq, last.tx, last.seq, held]
                )
            }
            // Forward only: a relay that lost the lead without knowing never moves it back.
            try connection.query(
                "UPDATE outbox_cursor SET tx = $1::xid8, seq = $2, moved_at = now() WHERE id = 1 AND (tx, seq) < ($1::xid8, $2::bigint)",
                [last.tx, last.seq]
            )
        }
        self.reportReturned(returned.sorted().filter { $0 < stop }.map { rows[$0].message })
        self.published.increment(by: published.count)
        return published.count
    }

    /// Tries the held (returned) rows whose wait is over again.
    private func retryHeld() async throws {
        let retrySeconds = Double(self.returnRetry.components.seconds)
        let limit = self.batchSize
        let rows = try await self.pool.withConnection { connection in
            try connection.query(
                """
                SELECT seq, tx::text AS tx, event_id::text AS id, exchange, routing_key, message_type, body, traceparent
                FROM outbox WHERE returned_at IS NOT NULL AND returned_at < now() - make_interval(secs => $2) AND published_at IS NULL
                ORDER BY seq LIMIT $1
                """,
                [limit, retrySeconds]
            ).map(Self.row)
        }
        guard !rows.isEmpty else { return }
        var failed = Set<Int>()
        var returned = Set<Int>()
        do {
            try await self.publisher.publish(rows.map(\.message))
        } catch let error as AMQPError where !error.isConnectionError && !error.nackedByBroker {
            failed = Set(error.failedIndices)
            returned = Set(error.returnedIndices)
        }
        let published = rows.indices.filter { !failed.contains($0) }.map { rows[$0].seq }
        let held = returned.sorted().map { rows[$0].seq }
        try await self.pool.transaction { connection in
            if !published.isEmpty {
                try connection.query(
                    "UPDATE outbox SET published_at = now() WHERE returned_at IS NOT NULL AND seq = ANY($1::bigint[])", [published]
                )
            }
            if !held.isEmpty {
                try connection.query(
                    "UPDATE outbox SET returned_at = now(), return_count = return_count + 1 WHERE returned_at IS NOT NULL AND seq = ANY($1::bigint[])",
                    [held]
                )
            }
        }
        self.reportReturned(returned.sorted().map { rows[$0].message })
        self.published.increment(by: published.count)
    }

    /// Makes the outbox's partitions for this month and the next two (the leader, hourly).
    private func makePartitions() async throws {
        let made = try await self.pool.withConnection { connection in
            try connection.query(
                "SELECT outbox_partitions(current_date, (current_date + interval '2 months')::date) AS made"
            )[0].decode("made", as: Int.self)
        }
        if made > 0 { self.logger.info("outbox partitions made", metadata: ["count": "\(made)"]) }
    }

    /// Logs and counts each returned task (held in the outbox, retried after `returnRetry`).
    private func reportReturned(_ messages: [AMQPOutgoingMessage]) {
        let retrySeconds = Int(self.returnRetry.components.seconds)
        for message in messages {
            Counter(label: "hotline_outbox_unroutable_total", dimensions: [("exchange", message.exchange), ("routing_key", message.routingKey)])
                .increment()
            self.logger.error(
                "task not routed: no queue takes it; held in the outbox and retried",
                metadata: [
                    "exchange": "\(message.exchange)", "routing_key": "\(message.routingKey)",
                    "message_id": "\(message.properties.messageId ?? "-")", "retry_in_s": "\(retrySeconds)",
                ]
            )
        }
    }

    private static func row(_ row: PostgresRow) throws -> Row {
        let exchange = try row.decode("exchange", as: String.self)
        let message = AMQPOutgoingMessage(
            exchange: exchange,
            routingKey: try row.decode("routing_key", as: String.self),
            body: Array(try row.decode("body", as: String.self).utf8),
            properties: AMQPProperties(
                messageId: try row.decode("id", as: String.self),
                type: try row.decode("message_type", as: String.self),
                contentType: "application/json",
                persistent: true,
                headers: try row.decode("traceparent", as: String?.self).map { ["traceparent": .string($0)] } ?? [:]
            ),
            // Tasks are mandatory: a task no department queue takes comes back and is held
            // (never confirmed into nowhere). Events are not: an event type nobody has
            // bound yet must not block the outbox.
            mandatory: exchange == Topology.tasksExchange
        )
        return Row(tx: try row.decode("tx", as: String.self), seq: try row.decode("seq", as: Int64.self), message: message)
    }

    /// Samples the backlog (rows after the cursor, and held ones) and the age of the oldest, for `/metrics`.
    /// The cursor is read first and passed as parameters: compared with a sub-select, the
    /// `(tx, seq)` range could not be estimated and every partition was scanned whole (0.2-0.4 s
    /// per sample on a busy day's outbox); as values, it is an index range past the cursor.
    public func sampleBacklog() async {
        guard
            let (count, age, returned) = try? await self.pool.withConnection({ connection -> (Int64, Double, Int64) in
                let cursor = try connection.query("SELECT tx::text AS tx, seq FROM outbox_cursor WHERE id = 1")[0]
                let row = try connection.query(
                    """
                    WITH waiting AS (
                        SELECT created_at FROM outbox WHERE (tx, seq) > ($1::xid8, $2::bigint) ORDER BY tx, seq LIMIT 1000000),
                    held AS (SELECT created_at FROM outbox WHERE returned_at IS NOT NULL AND published_at IS NULL)
                    SELECT (SELECT count(*) FROM waiting) + (SELECT count(*) FROM held) AS n,
                        COALESCE(EXTRACT(EPOCH FROM now() - LEAST((SELECT min(created_at) FROM waiting), (SELECT min(created_at) FROM held))), 0)::float8 AS age,
                        (SELECT count(*) FROM held) AS returned
                    """,
                    [try cursor.decode("tx", as: String.self), try cursor.decode("seq", as: Int64.self)]
                )[0]
                return (try row.decode("n", as: Int64.self), try row.decode("age", as: Double.self), try row.decode("returned", as: Int64.self))
            })
        else { return }
        self.backlog.record(count)
        self.oldestAge.record(age)
        self.unroutable.record(returned)
    }
}
