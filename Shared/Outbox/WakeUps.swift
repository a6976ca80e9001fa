import Logging
import Postgres
import Synchronization

/// Wake-up signals for a worker that drains a table: a PostgreSQL `NOTIFY` channel, a
/// polling fallback, and explicit `wake()` calls. Signals coalesce: many notifies between two
/// drains make one wake-up.
///
/// A notify whose payload is a number (the outbox trigger sends the lowest `seq` its statement
/// inserted) tells the worker where the new rows start: ``takeHint()`` returns the lowest such
/// number since the last pass, so that the worker need not scan from the table's beginning. A
/// poll, a `wake()`, a reconnect or any other payload asks for a full pass.
public final class WakeUps: Sendable {
    /// Where the next pass should look.
    public enum Hint: Sendable, Equatable {
        /// Nothing arrived since the last pass.
        case nothing
        /// Only rows from this number on are new.
        case from(Int64)
        /// Anything may be new: look everywhere.
        case everything

        func merged(with other: Hint) -> Hint {
            switch (self, other) {
            case (.everything, _), (_, .everything): .everything
            case (.nothing, let hint), (let hint, .nothing): hint
            case (.from(let a), .from(let b)): .from(min(a, b))
            }
        }
    }

    private let hint = Mutex(Hint.everything)
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

    /// Asks for another, full pass soon.
    public func wake() { self.signal(.everything) }

    /// What arrived since the last call; call it at the start of each pass.
    public func takeHint() -> Hint {
        self.hint.withLock { hint in
            defer { hint = .nothing }
            return hint
        }
    }

    private func signal(_ hint: Hint) {
        self.hint.withLock { $0 = $0.merged(with: hint) }
        self.continuation.yield()
    }

    /// Runs `worker` with the poller and the listener feeding it, until `worker` returns.
    public func whileRunning(_ worker: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let pollInterval = self.pollInterval
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    self.signal(.everything)
                }
            }
            if let databaseURL = self.databaseURL {
                let listener = PostgresListener(url: databaseURL, channels: [self.channel], logger: self.logger)
                group.addTask {
                    await withTaskCancellationHandler {
                        // A reconnect may have hidden notifications: it wakes the worker too.
                        for await event in listener.notifications() {
                            if case .notification(let notification) = event, let seq = Int64(notification.payload) {
                                self.signal(.from(seq))
                            } else {
                                self.signal(.everything)
                            }
                        }
                    } onCancel: {
                        listener.stop()
                    }
                }
            }
            try await worker()
            self.continuation.finish()
            group.cancelAll()
        }
    }
}
