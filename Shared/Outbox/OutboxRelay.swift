import AMQP
import Foundation
import Logging
import Metrics
import Postgres
import Resilience
import ServiceLifecycle

/// Publishes unpublished outbox rows with publisher confirms and marks them published.
///
/// A batch is claimed with a lease (`FOR UPDATE SKIP LOCKED`, so several relays share the
/// table), published with many confirms in flight, then marked in one update. A relay that dies
/// between publish and mark leaves a lease that expires; the rows are published again and the
/// consumers' inbox drops the copies. The relay wakes on `NOTIFY outbox` and polls as a fallback.
public struct OutboxRelay: Service {
    let pool: PostgresPool
    let publisher: AMQPPublisher
    let wakeUps: WakeUps
    let logger: Logger
    let batchSize: Int
    let lease: Duration
    let published = Counter(label: "hotline_outbox_published_total")
    let failures = Counter(label: "hotline_outbox_publish_failures_total")
    let backlog = Gauge(label: "hotline_outbox_backlog")
    let oldestAge = Gauge(label: "hotline_outbox_oldest_age_seconds")

    /// A relay over `pool`'s outbox publishing through `publisher`, woken by `wakeUps`.
    public init(
        pool: PostgresPool, publisher: AMQPPublisher, wakeUps: WakeUps, logger: Logger,
        batchSize: Int = 500, lease: Duration = .seconds(30)
    ) {
        self.pool = pool
        self.publisher = publisher
        self.wakeUps = wakeUps
        self.logger = logger
        self.batchSize = batchSize
        self.lease = lease
    }

    public func run() async throws {
        try await self.wakeUps.whileRunning {
            var backoff = Backoff()
            for await _ in self.wakeUps.signals().cancelOnGracefulShutdown() {
                // A notify says where its rows start: scanning from there skips the published
                // rows whose index entries are not yet vacuumed, which cost the database more
                // than anything else when every pass started at the table's first row.
                let floor: Int64
                switch self.wakeUps.takeHint() {
                case .nothing: continue
                case .from(let seq): floor = seq
                case .everything: floor = 0
                }
                do {
                    // Drain: a full batch means more may be waiting.
                    while try await self.relayOnce(from: floor) == self.batchSize {}
                    backoff.reset()
                } catch {
                    self.failures.increment()
                    self.logger.warning("outbox relay failed; will retry", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: backoff.next())
                    self.wakeUps.wake()
                }
            }
        }
    }

    /// Claims, publishes and marks one batch of the rows from `seq` `floor` on (0: all);
    /// returns how many rows it published.
    @discardableResult
    public func relayOnce(from floor: Int64 = 0) async throws -> Int {
        let leaseSeconds = Double(self.lease.components.seconds)
        let limit = self.batchSize
        let claimed: [(seq: Int64, message: AMQPOutgoingMessage)] = try await self.pool.withConnection { connection in
            let rows = try connection.query(
                """
                UPDATE outbox SET claimed_until = now() + make_interval(secs => $2)
                WHERE seq IN (
                    SELECT seq FROM outbox
                    WHERE seq >= $3 AND published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING seq, event_id::text AS id, exchange, routing_key, message_type, body, traceparent
                """,
                [limit, leaseSeconds, floor]
            )
            return try rows.map { row in
                let message = AMQPOutgoingMessage(
                    exchange: try row.decode("exchange", as: String.self),
                    routingKey: try row.decode("routing_key", as: String.self),
                    body: Array(try row.decode("body", as: String.self).utf8),
                    properties: AMQPProperties(
                        messageId: try row.decode("id", as: String.self),
                        type: try row.decode("message_type", as: String.self),
                        contentType: "application/json",
                        persistent: true,
                        headers: try row.decode("traceparent", as: String?.self).map { ["traceparent": .string($0)] } ?? [:]
                    ),
                    // Not mandatory: an event type nobody has bound yet must not block the outbox.
                    mandatory: false
                )
                return (try row.decode("seq", as: Int64.self), message)
            }.sorted { $0.seq < $1.seq }
        }
        guard !claimed.isEmpty else { return 0 }
        let seqs = claimed.map(\.seq)
        do {
            try await self.publisher.publish(claimed.map(\.message))
        } catch {
            // Give the rows back at once rather than waiting for the lease to run out.
            _ = try? await self.pool.withConnection { connection in
                try connection.query("UPDATE outbox SET claimed_until = NULL WHERE seq = ANY($1::bigint[])", [seqs])
            }
            throw error
        }
        _ = try await self.pool.withConnection { connection in
            try connection.query(
                "UPDATE outbox SET published_at = now(), claimed_until = NULL WHERE seq = ANY($1::bigint[])", [seqs]
            )
        }
        self.published.increment(by: claimed.count)
        return claimed.count
    }

    /// Samples the backlog (rows not yet published) and the age of the oldest, for `/metrics`.
    public func sampleBacklog() async {
        guard
            let (count, age) = try? await self.pool.withConnection({ connection -> (Int64, Double) in
                let row = try connection.query(
                    """
                    SELECT count(*) AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
                    FROM outbox WHERE published_at IS NULL
                    """
                )[0]
                return (try row.decode("n", as: Int64.self), try row.decode("age", as: Double.self))
            })
        else { return }
        self.backlog.record(count)
        self.oldestAge.record(age)
    }
}
