import AMQP
import Logging
import Metrics
import Postgres
import Resilience
import ServiceLifecycle

/// Consumes one queue in batches: each batch's new messages are applied in one transaction
/// together with their inbox rows, and acknowledged with one `multiple` ack after the commit.
///
/// - Redeliveries are skipped by the inbox and acknowledged (or, for a handler idempotent by
///   itself, applied again to no effect).
/// - A message that cannot be parsed is dead-lettered at once with its reason in the
///   `x-hotline-reason` header.
/// - If a batch fails, its messages are retried one by one; one that keeps failing is
///   requeued until the queue's delivery limit dead-letters it, so it cannot block the rest.
/// - While the database is unreachable, read-only, full or busy (`PostgresError.isOutage`:
///   25006, 53xxx, 40001, 55P03, 57014...) the batch is held and retried with backoff, so an
///   outage neither burns delivery attempts nor dead-letters good messages.
public struct InboxConsumer<Handler: MessageHandler>: Service {
    let consumer: AMQPConsumer
    let pool: PostgresPool
    let deadLetters: AMQPPublisher
    let queue: String
    let handler: Handler
    let logger: Logger
    let maxBatch: Int
    let applied: Counter
    let skipped: Counter
    let deadLettered: Counter
    let redelivered: Counter
    let batchDuration: Timer
    let held: Counter

    /// A consumer of `queue` (read through `consumer`) applying messages with `handler`.
    public init(
        consumer: AMQPConsumer, pool: PostgresPool, deadLetters: AMQPPublisher, queue: String,
        handler: Handler, logger: Logger, maxBatch: Int = 200
    ) {
        self.consumer = consumer
        self.pool = pool
        self.deadLetters = deadLetters
        self.queue = queue
        self.handler = handler
        self.logger = logger
        self.maxBatch = maxBatch
        let dimensions = [("queue", queue)]
        self.applied = Counter(label: "hotline_messages_applied_total", dimensions: dimensions)
        self.skipped = Counter(label: "hotline_messages_duplicate_total", dimensions: dimensions)
        self.deadLettered = Counter(label: "hotline_messages_dead_lettered_total", dimensions: dimensions)
        self.redelivered = Counter(label: "hotline_messages_redelivered_total", dimensions: dimensions)
        self.batchDuration = Timer(label: "hotline_consumer_batch_seconds", dimensions: dimensions)
        self.held = Counter(label: "hotline_consumer_outage_retries_total", dimensions: dimensions)
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await self.consumer.run(maxBatch: self.maxBatch) { deliveries in
                await self.process(deliveries)
            }
        }
    }

    /// Decides the fate of one batch; exposed for tests.
    public func process(_ deliveries: [AMQPDelivery]) async -> [AMQPDisposition] {
        let started = ContinuousClock.now
        defer { self.batchDuration.record(duration: ContinuousClock.now - started) }
        var dispositions = [AMQPDisposition](repeating: .ack, count: deliveries.count)
        var valid: [(index: Int, id: String, message: Handler.Message)] = []
        var seen = Set<String>()
        for (index, delivery) in deliveries.enumerated() {
            if delivery.redelivered { self.redelivered.increment() }
            do {
                guard let id = delivery.properties.messageId, !id.isEmpty else {
                    throw PoisonMessage("missing message_id")
                }
                let message = try self.handler.decode(delivery)
                // The same message twice in one batch (a republished outbox row): apply it once.
                if seen.insert(id).inserted { valid.append((index, id, message)) } else { self.skipped.increment() }
            } catch {
                dispositions[index] = await self.deadLetter(delivery, reason: "\(error)")
            }
        }
        guard !valid.isEmpty else { return dispositions }
        if await self.applyHoldingThroughOutages(valid.map { ($0.id, $0.message) }) { return dispositions }
        // The batch failed for a reason other than an outage: find the culprit one by one.
        for item in valid where !(await self.applyHoldingThroughOutages([(item.id, item.message)])) {
            let delivery = deliveries[item.index]
            if delivery.deliveryCount + 1 >= Int(Topology.deliveryLimit) {
                dispositions[item.index] = await self.deadLetter(delivery, reason: "keeps failing")
            } else {
                dispositions[item.index] = .requeue
            }
        }
        return dispositions
    }

    /// Applies messages in one transaction; retries through database outages; false when the
    /// transaction itself fails (or on shutdown during an outage).
    private func applyHoldingThroughOutages(_ items: [(id: String, message: Handler.Message)]) async -> Bool {
        var backoff = Backoff()
        while true {
            do {
                let handler = self.handler
                let fresh = try await self.pool.transaction { connection in
                    let fresh = handler.isIdempotentByItself
                        ? Set(items.map(\.id)) : try Inbox.claim(items.map(\.id), consumer: handler.consumerName, on: connection)
                    try handler.apply(items.filter { fresh.contains($0.id) }.map(\.message), on: connection)
                    return fresh.count
                }
                self.applied.increment(by: fresh)
                self.skipped.increment(by: items.count - fresh)
                return true
            } catch let error as PostgresError where error.isOutage {
                // Unreachable, read-only, full, busy: no message is at fault, so none is
                // dead-lettered or requeued (which would burn its delivery attempts).
                if Task.isCancelled { return false }
                self.held.increment()
                self.logger.warning(
                    "database outage; holding batch", metadata: ["queue": "\(self.queue)", "error": "\(error)", "messages": "\(items.count)"]
                )
                try? await Task.sleep(for: backoff.next())
            } catch {
                self.logger.error(
                    "applying \(items.count) message(s) failed", metadata: ["queue": "\(self.queue)", "error": "\(error)"]
                )
                return false
            }
        }
    }

    /// Republishes `delivery` to the dead-letter exchange with `reason`, then acks the original;
    /// if that publish fails, rejects it so the broker dead-letters it (reason `rejected`).
    private func deadLetter(_ delivery: AMQPDelivery, reason: String) async -> AMQPDisposition {
        self.deadLettered.increment()
        self.logger.error(
            "dead-lettering message",
            metadata: ["queue": "\(self.queue)", "message_id": "\(delivery.properties.messageId ?? "-")", "reason": "\(reason)"]
        )
        var properties = delivery.properties
        properties.persistent = true
        // Republished by this service's broker user: the broker would refuse another's user id.
        if let userId = properties.userId { properties.headers["x-hotline-user-id"] = .string(userId) }
        properties.userId = nil
        properties.headers["x-hotline-reason"] = .string(reason)
        properties.headers["x-hotline-queue"] = .string(self.queue)
        properties.headers["x-hotline-routing-key"] = .string(delivery.routingKey)
        let message = AMQPOutgoingMessage(
            exchange: Topology.deadLetterExchange, routingKey: self.queue, body: delivery.body, properties: properties
        )
        do {
            try await self.deadLetters.publish([message])
            return .ack
        } catch {
            return .reject
        }
    }
}
