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
        // The work runs in a task of its own: a shutdown or a cancellation ends this service at
        // once, even while the work is blocked in a call that does not see cancellation (a
        // connect, a migration waiting for another instance's lock); the process then exits
        // and the database rolls back what the work left open.
        let outcome = StartupOutcome()
        let work = Task {
            do {
                try await self.work()
                outcome.resolve(.done(nil))
            } catch {
                outcome.resolve(.done(error))
            }
        }
        let ended = await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await outcome.wait()
            } onGracefulShutdown: {
                work.cancel()
                outcome.resolve(.stopped)
            }
        } onCancel: {
            work.cancel()
            outcome.resolve(.stopped)
        }
        switch ended {
        case .stopped:
            // Asked to stop during the start-up: the group ends cleanly (or with its own error).
            return
        case .done(let error?):
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            self.logger.critical("\(self.service) cannot start: \(error)")
            throw error
        case .done(nil):
            break
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
