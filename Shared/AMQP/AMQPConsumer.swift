import Logging
import Resilience

/// Consumes one queue in batches from async code, over one connection of its own.
///
/// ```swift
/// let consumer = AMQPConsumer(configuration: config, queue: "notifier.events", logger: logger) { connection in
///     try connection.declareQueue("notifier.events", arguments: ["x-queue-type": "quorum"])
/// }
/// try await consumer.run { deliveries in
///     deliveries.map { handle($0) ? .ack : .reject }
/// }
/// ```
///
/// The blocking rabbitmq-c calls run on the consumer's own serial queue; the handler runs in the
/// task that called ``run(maxBatch:batchWindow:handler:)``. Unsettled deliveries of a lost
/// connection are redelivered by the broker, so handlers must be idempotent (skip seen ids).
public final class AMQPConsumer: Sendable {
    private let configuration: AMQPConfiguration
    private let queue: String
    private let prefetch: UInt16
    private let logger: Logger
    private let setup: @Sendable (AMQPConnection) throws -> Void
    private let connected = Locked(false)

    /// Makes a consumer of `queue`; nothing connects until ``run(maxBatch:batchWindow:handler:)``.
    /// `setup` (topology declarations) runs after every (re)connect, before consuming.
    public init(
        configuration: AMQPConfiguration,
        queue: String,
        prefetch: UInt16 = 100,
        logger: Logger,
        setup: @escaping @Sendable (AMQPConnection) throws -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.queue = queue
        self.prefetch = prefetch
        self.logger = logger
        self.setup = setup
    }

    /// Whether the consumer is connected and consuming now (for readiness checks).
    public var isConnected: Bool {
        self.connected.withLock { $0 }
    }

    /// Consumes until the calling task is cancelled.
    ///
    /// Connects (retrying with a backoff of 100 ms doubling to 5 s), runs `setup`, sets the
    /// prefetch and starts consuming. Waits for a delivery in slices of at most 1 s (so that
    /// cancellation and heartbeats are serviced), then takes whatever else is already there, up to
    /// `maxBatch`, waiting at most `batchWindow` more, and calls `handler` with the batch. The
    /// handler answers one ``AMQPDisposition`` per delivery, in order: if all are `.ack`, one
    /// `basic.ack` with `multiple` settles the batch; otherwise each is acked, rejected (to the
    /// dead-letter exchange) or requeued. Missing answers count as `.requeue`.
    ///
    /// On cancellation the batch in hand is finished and settled, the consumer is cancelled and the
    /// connection closed; then it returns. A lost connection is logged and reopened.
    public func run(
        maxBatch: Int = 100,
        batchWindow: Duration = .milliseconds(5),
        handler: @escaping @Sendable ([AMQPDelivery]) async -> [AMQPDisposition]
    ) async throws {
        let thread = ConnectionThread(label: "amqp.consumer.\(self.queue)")
        if let interval = self.configuration.keepAliveInterval {
            // Between wait slices the queue is idle only while the handler runs: keep the broker
            // hearing from us then. A failed send surfaces on the next blocking call.
            thread.startKeepAlive(every: interval, drain: false) { _ in }
        }
        var backoff = Backoff()
        var logger = self.logger
        logger[metadataKey: "queue"] = "\(self.queue)"
        while !Task.isCancelled {
            do {
                let broker = try await self.connect(on: thread)
                self.connected.withLock { $0 = true }
                backoff.reset()
                logger.info("AMQP consumer started", metadata: ["broker": "\(broker)"])
                try await self.consumeBatches(on: thread, maxBatch: max(1, maxBatch), batchWindow: batchWindow, handler: handler)
            } catch {
                self.connected.withLock { $0 = false }
                _ = try? await thread.run { slot in slot.drop() }
                if Task.isCancelled { break }
                let delay = backoff.next()
                logger.warning("AMQP consumer connection failed", metadata: ["error": "\(error)", "retryIn": "\(delay)"])
                do { try await Task.sleep(for: delay) } catch { break }
            }
        }
        self.connected.withLock { $0 = false }
        _ = try? await thread.run { slot in
            if let connection = slot.connection, connection.isOpen, let tag = slot.consumerTag {
                try? connection.cancel(consumerTag: tag)
            }
            slot.shutdown()
        }
        logger.info("AMQP consumer stopped")
    }

    /// Connects and starts consuming; answers the broker it reached.
    private func connect(on thread: ConnectionThread) async throws -> String {
        let (configuration, queue, prefetch, setup) = (self.configuration, self.queue, self.prefetch, self.setup)
        return try await thread.run { slot in
            let connection = try slot.connect(configuration)
            try setup(connection)
            try connection.setPrefetch(prefetch)
            slot.consumerTag = try connection.consume(queue: queue)
            return connection.broker.redactedDescription
        }
    }

    /// Fetch, handle, settle until cancelled (returns) or the connection fails (throws).
    private func consumeBatches(
        on thread: ConnectionThread,
        maxBatch: Int,
        batchWindow: Duration,
        handler: @Sendable ([AMQPDelivery]) async -> [AMQPDisposition]
    ) async throws {
        var slice: Duration = .seconds(1)
        if let interval = self.configuration.keepAliveInterval { slice = min(slice, interval) }
        let waitSlice = slice
        while !Task.isCancelled {
            let batch = try await thread.run { slot in
                guard let connection = slot.connection else { throw AMQPError("not connected", isConnectionError: true) }
                guard let first = try connection.nextDelivery(timeout: waitSlice) else { return [AMQPDelivery]() }
                var batch = [first]
                let clock = ContinuousClock()
                let deadline = clock.now + batchWindow
                while batch.count < maxBatch, let next = try connection.nextDelivery(timeout: max(.zero, deadline - clock.now)) {
                    batch.append(next)
                }
                return batch
            }
            guard !batch.isEmpty else { continue }
            let dispositions = await handler(batch)
            if dispositions.count != batch.count {
                self.logger.error(
                    "AMQP consumer handler answered \(dispositions.count) dispositions for \(batch.count) deliveries; the rest are requeued",
                    metadata: ["queue": "\(self.queue)"]
                )
            }
            try await thread.run { slot in
                guard let connection = slot.connection else { throw AMQPError("not connected", isConnectionError: true) }
                try Self.settle(batch, dispositions, on: connection)
            }
        }
    }

    private static func settle(_ batch: [AMQPDelivery], _ dispositions: [AMQPDisposition], on connection: AMQPConnection) throws {
        if dispositions.count == batch.count, dispositions.allSatisfy({ $0 == .ack }), let last = batch.last {
            try connection.ack(last.deliveryTag, multiple: true)
            return
        }
        for (index, delivery) in batch.enumerated() {
            switch index < dispositions.count ? dispositions[index] : .requeue {
            case .ack: try connection.ack(delivery.deliveryTag)
            case .reject: try connection.reject(delivery.deliveryTag, requeue: false)
            case .requeue: try connection.nack(delivery.deliveryTag, requeue: true)
            }
        }
    }
}
