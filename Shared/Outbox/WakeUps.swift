import Logging
import Postgres

/// Wake-up signals for a worker that drains a table: a PostgreSQL `NOTIFY` channel, a
/// polling fallback, and explicit `wake()` calls. Signals coalesce: many notifies between two
/// drains make one wake-up.
public final class WakeUps: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let databaseURL: String?
    private let channel: String
    private let pollInterval: Duration
    private let logger: Logger

    /// Wakes on NOTIFY `channel` (when a database URL is given) and every `pollInterval`.
    public init(databaseURL: String?, channel: String, pollInterval: Duration, logger: Logger) {
        (self.stream, self.continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.databaseURL = databaseURL
        self.channel = channel
        self.pollInterval = pollInterval
        self.logger = logger
        self.continuation.yield()
    }

    /// The signals; iterate from one worker only.
    public func signals() -> AsyncStream<Void> { self.stream }

    /// Asks for another pass soon.
    public func wake() { self.continuation.yield() }

    /// Runs `worker` with the poller and the listener feeding it, until `worker` returns.
    public func whileRunning(_ worker: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let continuation = self.continuation
            let pollInterval = self.pollInterval
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    continuation.yield()
                }
            }
            if let databaseURL = self.databaseURL {
                let listener = PostgresListener(url: databaseURL, channels: [self.channel], logger: self.logger)
                group.addTask {
                    await withTaskCancellationHandler {
                        // A reconnect may have hidden notifications: it wakes the worker too.
                        for await _ in listener.notifications() { continuation.yield() }
                    } onCancel: {
                        listener.stop()
                    }
                }
            }
            try await worker()
            continuation.finish()
            group.cancelAll()
        }
    }
}
