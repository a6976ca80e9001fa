import Dispatch
import Logging
import Resilience

/// Publishes confirmed batches from async code over one connection of its own.
///
/// ```swift
/// let publisher = AMQPPublisher(configuration: config, logger: logger) { connection in
///     try connection.declareExchange("hotline.events", kind: .topic)
/// }
/// try await publisher.publish([AMQPOutgoingMessage(exchange: "hotline.events", routingKey: "ticket.received", body: json)])
/// ```
///
/// Connects on first use and runs `setup` after every (re)connect. A connection error drops the
/// connection and is thrown; the next call connects again, first waiting out a backoff (100 ms
/// doubling to 5 s) after failed attempts, so a caller that retries in a loop never spins. The
/// connection lives on a serial queue of its own, which also keeps heartbeats flowing while idle.
public final class AMQPPublisher: Sendable {
    private let configuration: AMQPConfiguration
    private let logger: Logger
    private let setup: @Sendable (AMQPConnection) throws -> Void
    private let thread: ConnectionThread
    private let status = Locked(Status())

    private struct Status: Sendable {
        var connected = false
        var isShutdown = false
        var backoff = Backoff()
        var nextAttempt: ContinuousClock.Instant?
    }

    /// Makes a publisher; nothing connects until the first ``publish(_:)``.
    public init(
        configuration: AMQPConfiguration,
        logger: Logger,
        setup: @escaping @Sendable (AMQPConnection) throws -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.setup = setup
        self.thread = ConnectionThread(label: "amqp.publisher")
        if let interval = configuration.keepAliveInterval {
            let status = self.status
            let logger = logger
            let slot = self.thread.slot
            self.thread.startKeepAlive(every: interval, drain: true) { error in
                logger.warning("AMQP publisher connection lost while idle", metadata: ["error": "\(error)"])
                slot.drop()
                status.withLock { $0.connected = false }
            }
        }
    }

    deinit {
        let slot = self.thread.slot
        self.thread.queue.async { slot.shutdown() }
    }

    /// Publishes `messages` with publisher confirms (see ``AMQPConnection/publishConfirmed(_:maxInFlight:timeout:)``)
    /// and returns when the broker has taken every one; throws otherwise, with `failedIndices`.
    public func publish(_ messages: [AMQPOutgoingMessage]) async throws {
        guard !messages.isEmpty else { return }
        let wait: Duration = try self.status.withLock { status in
            if status.isShutdown { throw AMQPError("publisher is shut down") }
            guard !status.connected, let next = status.nextAttempt else { return .zero }
            return max(.zero, next - ContinuousClock.now)
        }
        if wait > .zero { try await Task.sleep(for: wait) }
        let status = self.status
        let (configuration, setup, logger) = (self.configuration, self.setup, self.logger)
        try await self.thread.run { slot in
            let connection = try Self.connection(in: slot, configuration: configuration, setup: setup, status: status, logger: logger)
            do {
                try connection.publishConfirmed(messages)
            } catch let error as AMQPError where error.isConnectionError || !connection.isOpen {
                logger.warning("AMQP publisher connection lost", metadata: ["error": "\(error)"])
                slot.drop()
                status.withLock { $0.connected = false }
                throw error
            } catch let error as AMQPError where error.nackedByBroker {
                // RabbitMQ 3.10 was seen to nack every later publish on a channel that first
                // published while a quorum queue's leader node died; a new connection (the next
                // broker of a cluster) is not stuck that way. The caller retries.
                logger.warning("AMQP publisher reconnects after a nack", metadata: ["error": "\(error)"])
                slot.drop()
                status.withLock { $0.connected = false }
                throw error
            }
        }
    }

    /// Runs on the queue: the open connection, or a new one if the backoff allows an attempt now.
    private static func connection(
        in slot: ConnectionSlot,
        configuration: AMQPConfiguration,
        setup: @Sendable (AMQPConnection) throws -> Void,
        status: Locked<Status>,
        logger: Logger
    ) throws -> AMQPConnection {
        if let connection = slot.connection, connection.isOpen { return connection }
        slot.drop()
        try status.withLock { status in
            if status.isShutdown { throw AMQPError("publisher is shut down") }
            if let next = status.nextAttempt, next > ContinuousClock.now {
                throw AMQPError("not connected to \(configuration.redactedDescription); retrying after a backoff", isConnectionError: true)
            }
        }
        do {
            let connection = try slot.connect(configuration)
            try setup(connection)
            status.withLock {
                $0.connected = true
                $0.backoff.reset()
                $0.nextAttempt = nil
            }
            logger.info("AMQP publisher connected", metadata: ["broker": "\(connection.broker.redactedDescription)"])
            return connection
        } catch {
            slot.drop()
            let delay = status.withLock { status in
                status.connected = false
                let delay = status.backoff.next()
                status.nextAttempt = ContinuousClock.now + delay
                return delay
            }
            logger.warning("AMQP publisher cannot connect", metadata: ["error": "\(error)", "retryIn": "\(delay)"])
            throw error
        }
    }

    /// Whether a connection is open now (for readiness checks); no I/O.
    public func isConnected() async -> Bool {
        self.status.withLock { $0.connected }
    }

    /// Closes the connection; later ``publish(_:)`` calls throw.
    public func shutdown() async {
        self.status.withLock {
            $0.isShutdown = true
            $0.connected = false
        }
        _ = try? await self.thread.run { slot in slot.shutdown() }
    }
}
