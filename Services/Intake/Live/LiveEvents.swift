import AMQP
import Foundation
import HotlineDomain
import Logging
import ServiceLifecycle
import Synchronization

/// Fans `hotline.events` out to the pages watching live (console and big screen).
///
/// It reads through a queue of its own that is not the record: exclusive, auto-deleted and not
/// durable, named for this process, so several intake instances each see every event. It runs
/// only while someone watches: the first stream opened starts it (declaring the queue), and
/// ``idleGrace`` after the last one closed it stops (the broker deletes the queue), so an intake
/// nobody watches costs the broker and itself nothing per event. The pages never rely on it for
/// the truth: after any gap (a page's reconnect, or this consumer's) they reload a snapshot from
/// the API. Each time the consumer connects, subscribers are told `resync`, since events may have
/// passed unseen.
final class LiveEvents: Service {
    /// One message to a subscriber.
    enum Message: Sendable {
        case event(LiveEvent)
        case resync
        /// Sent every 15 s so that a page notices a dead connection and a closed page is noticed here.
        case heartbeat
        /// Sent every 2 s, never written out: the stream checks its key is still valid.
        case check
    }

    /// Open streams one key may hold at once.
    static let streamsPerKey = 10

    /// How long the consumer keeps running after the last stream closed (a page reloading
    /// reconnects within it).
    static let idleGrace = Duration.seconds(10)

    private let consumer: AMQPConsumer
    private let logger: Logger
    private let subscribers = Mutex<[UUID: (keyId: String, continuation: AsyncStream<Message>.Continuation)]>([:])

    /// The routing keys the pages show: every ticket event.
    static let bindings = ["ticket.#"]

    init(configuration: AMQPConfiguration, logger: Logger) {
        let queue = "intake.live.\(ProcessInfo.processInfo.hostName).\(UUID().uuidString.prefix(8).lowercased())"
        self.logger = logger
        self.consumer = AMQPConsumer(configuration: configuration, queue: queue, prefetch: 500, logger: logger) { connection in
            try connection.declareExchange("hotline.events", kind: .topic)
            try connection.declareQueue(queue, durable: false, exclusive: true, autoDelete: true)
            for key in Self.bindings { try connection.bindQueue(queue, exchange: "hotline.events", routingKey: key) }
        }
    }

    /// A stream of messages for key `keyId` until the subscriber stops reading; a slow reader
    /// loses the oldest events rather than growing memory (it resyncs from the API on its next
    /// reconnect). Nil when the key already holds ``streamsPerKey`` open streams here.
    func subscribe(keyId: String) -> (id: UUID, messages: AsyncStream<Message>)? {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Message>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        let added = self.subscribers.withLock { subscribers in
            guard subscribers.values.count(where: { $0.keyId == keyId }) < Self.streamsPerKey else { return false }
            subscribers[id] = (keyId, continuation)
            return true
        }
        guard added else {
            continuation.finish()
            return nil
        }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return (id, stream)
    }

    /// Ends every open stream of key `keyId` (it was revoked).
    func close(keyId: String) {
        let closing = self.subscribers.withLock { $0.values.filter { $0.keyId == keyId }.map(\.continuation) }
        for continuation in closing { continuation.finish() }
    }

    /// Returns once the consumer is consuming (a stream just opened started it), or after
    /// `limit` (the broker is down: the page is told `resync` when it comes back). A stream
    /// writes its first line after this, so an event caused after that line is never missed.
    func waitUntilConsuming(atMost limit: Duration = .seconds(5)) async {
        let deadline = ContinuousClock.now + limit
        while !self.consumer.isConnected, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Open streams now.
    private var watchers: Int {
        self.subscribers.withLock { $0.count }
    }

    /// Fans deliveries out until cancelled (the last watcher left) or the connection fails.
    private func consume() async throws {
        let decoder = HotlineJSON.decoder()
        try await self.consumer.run(maxBatch: 500) { deliveries in
            for delivery in deliveries {
                // Not the record: a message this page cannot read is dropped, not dead-lettered.
                guard let envelope = try? decoder.decode(EventEnvelope.self, from: Data(delivery.body)) else { continue }
                self.broadcast(.event(LiveEvent(envelope)))
            }
            return deliveries.map { _ in .ack }
        }
    }

    private func unsubscribe(_ id: UUID) {
        _ = self.subscribers.withLock { $0.removeValue(forKey: id) }
    }

    private func broadcast(_ message: Message) {
        for subscriber in self.subscribers.withLock({ Array($0.values) }) { subscriber.continuation.yield(message) }
    }

    func run() async throws {
        await withThrowingTaskGroup(of: Void.self) { group in
            // A reconnect of the consumer (broker restart) may have missed events: pages resync.
            group.addTask {
                var wasConnected = false
                var ticks = 0
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(500))
                    let connected = self.consumer.isConnected
                    if connected, !wasConnected { self.broadcast(.resync) }
                    wasConnected = connected
                    ticks += 1
                    if ticks % 30 == 0 { self.broadcast(.heartbeat) }
                    if ticks % 4 == 0 { self.broadcast(.check) }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    // Nobody watches: no queue, no consumer, nothing delivered here.
                    while self.watchers == 0 { try await Task.sleep(for: .milliseconds(250)) }
                    do {
                        try await withThrowingTaskGroup(of: Void.self) { watched in
                            watched.addTask { try await self.consume() }
                            watched.addTask {
                                var idle = ContinuousClock.Duration.zero
                                while idle < Self.idleGrace {
                                    try await Task.sleep(for: .milliseconds(500))
                                    idle = self.watchers == 0 ? idle + .milliseconds(500) : .zero
                                }
                            }
                            _ = try await watched.next()
                            watched.cancelAll()
                        }
                    } catch where !Task.isCancelled {
                        self.logger.warning("live events consumer stopped; starting again", metadata: ["error": "\(error)"])
                        try await Task.sleep(for: .seconds(1))
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        // Ends every open stream so their HTTP responses finish.
        for subscriber in self.subscribers.withLock({ Array($0.values) }) { subscriber.continuation.finish() }
    }
}
