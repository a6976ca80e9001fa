import Foundation
import Logging
import Resilience
import Synchronization

/// Receives `NOTIFY`s on its own connection and its own thread.
///
/// The thread waits on the connection's socket with `poll` (250 ms at a time, so ``stop()`` is
/// noticed quickly), then lets libpq read and hands each notification to the stream. When the
/// connection breaks it reconnects with backoff (100 ms, doubling to 5 s), `LISTEN`s again and
/// yields ``PostgresListenerEvent/reconnected``. That event also comes once the first `LISTEN`
/// is in place: re-read the state you follow whenever it arrives, since notifications sent
/// while nobody listened are gone.
///
/// ```swift
/// let listener = PostgresListener(url: databaseURL, channels: ["ticket_events"], logger: logger)
/// for await event in listener.notifications() {
///     switch event {
///     case .notification(let notification): handle(notification.payload)
///     case .reconnected: await pollEverything()
///     }
/// }
/// ```
public final class PostgresListener: Sendable {
    private let url: String
    private let channels: [String]
    private let logger: Logger
    private let signal = StopSignal()
    private let started = Mutex(false)

    /// Prepares a listener; nothing connects until ``notifications()``.
    public init(url: String, channels: [String], logger: Logger) {
        self.url = url
        self.channels = channels
        self.logger = logger
    }

    /// Starts the listening thread and returns its events. Call it once: a second stream ends
    /// at once. The stream ends after ``stop()`` or when its consumer is cancelled.
    public func notifications() -> AsyncStream<PostgresListenerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: PostgresListenerEvent.self)
        let first = self.started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first, !self.signal.isStopped else {
            self.logger.error("PostgresListener.notifications() called more than once or after stop()")
            continuation.finish()
            return stream
        }
        let signal = self.signal
        continuation.onTermination = { _ in signal.stop() }
        let loop = ListenerLoop(url: self.url, channels: self.channels, logger: self.logger, signal: signal)
        let thread = Thread { loop.run(continuation) }
        thread.name = "postgres-listener"
        thread.start()
        return stream
    }

    /// Stops listening; the thread closes its connection and ends the stream within ~250 ms.
    public func stop() {
        self.signal.stop()
    }
}

/// A flag the listener's thread polls between waits.
private final class StopSignal: Sendable {
    private let stopped = Atomic<Bool>(false)

    var isStopped: Bool { self.stopped.load(ordering: .acquiring) }

    func stop() { self.stopped.store(true, ordering: .releasing) }
}

/// The body of the listener's thread: connect, `LISTEN`, wait, reconnect on failure.
private struct ListenerLoop: Sendable {
    let url: String
    let channels: [String]
    let logger: Logger
    let signal: StopSignal

    static let pollMilliseconds: Int32 = 250

    func run(_ continuation: AsyncStream<PostgresListenerEvent>.Continuation) {
        defer { continuation.finish() }
        var backoff = Backoff()
        while !self.signal.isStopped {
            do {
                let connection = try PostgresConnection(url: self.url, logger: self.logger)
                defer { connection.close() }
                try connection.listen(self.channels)
                backoff.reset()
                self.logger.info("listening", metadata: ["channels": "\(self.channels.joined(separator: ","))"])
                guard case .enqueued = continuation.yield(.reconnected) else { return }
                while !self.signal.isStopped {
                    for notification in try connection.waitForNotifications(milliseconds: Self.pollMilliseconds) {
                        guard case .enqueued = continuation.yield(.notification(notification)) else { return }
                    }
                }
            } catch {
                let delay = backoff.next()
                self.logger.warning(
                    "listener connection failed; reconnecting",
                    metadata: ["error": "\(error)", "delay": "\(delay)"]
                )
                self.sleep(delay)
            }
        }
    }

    /// Sleeps up to `duration`, waking early when stopped.
    private func sleep(_ duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while !self.signal.isStopped, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.025)
        }
    }
}
