import Logging
import ServiceLifecycle
import Synchronization

/// The I/O a service does before it serves (migrate the schema, load the jurisdiction), run as
/// the first `Service` of its group: the others wait for it (``AfterStartup``), `/readyz` says
/// `startup` until it is done. When the work fails, it logs one line naming the failure and
/// throws, which ends the group with that error (the process exits non-zero); a shutdown asked
/// while it works cancels the work and ends the group cleanly.
public final class Startup: Service, Sendable {
    private struct State {
        var started = false
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var next = 0
    }

    private let service: String
    private let work: @Sendable () async throws -> Void
    private let logger: Logger
    private let state = Mutex(State())

    /// A start-up running `work` once for `service` (its name in the log).
    public init(service: String, logger: Logger, work: @escaping @Sendable () async throws -> Void) {
        self.service = service
        self.logger = logger
        self.work = work
    }

    /// True once the work is done.
    public var isStarted: Bool { self.state.withLock { $0.started } }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.work() }
        } catch {
            // A shutdown asked during the start-up cancels it: the group ends cleanly.
            if Task.isShuttingDownGracefully { return }
            self.logger.critical("\(self.service) cannot start: \(error)")
            throw error
        }
        let waiters = self.state.withLock { state in
            state.started = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
        self.logger.info("\(self.service) started")
        // Stay up until the group stops (a service that returns ends the group).
        try? await gracefulShutdown()
    }

    /// Returns once the work is done; throws `CancellationError` when the task is cancelled
    /// first. After a failed start it waits for the cancellation the failure causes.
    public func wait() async throws {
        let id = self.state.withLock { state in
            state.next += 1
            return state.next
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now: Bool? = self.state.withLock { state in
                    if state.started { return true }
                    if Task.isCancelled { return false }
                    state.waiters[id] = continuation
                    return nil
                }
                // nil: registered, resumed by `run()` or the cancellation.
                switch now {
                case true?: continuation.resume()
                case false?: continuation.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
