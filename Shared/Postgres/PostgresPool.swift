import Logging
import Synchronization

/// A fixed number of PostgreSQL connections shared by concurrent tasks.
///
/// Each connection is served by its own serial `DispatchQueue`, so the blocking libpq calls in
/// your body never run on Swift's cooperative thread pool; callers suspend until their body has
/// run. When all connections are busy, callers wait in a first-come, first-served queue
/// (a released connection is handed straight to the oldest waiter). Connections open lazily,
/// on first use, so creating a pool never fails even when the server is down.
///
/// **Reconnect rule.** Before a body runs, its connection is checked without blocking (libpq
/// status, and whether the idle socket shows the server closed it); a broken one is replaced,
/// so after a server restart most first calls already succeed. A connection error *inside* a
/// body is thrown to the caller (`isConnectionError == true`) and never retried, since the
/// statement may have run; the connection is discarded and the next use reconnects. The one
/// automatic retry: in ``transaction(_:)``, when `BEGIN` itself fails with a connection error,
/// the pool reconnects and begins once more, because nothing of the body has run yet.
///
/// ```swift
/// let pool = PostgresPool(url: databaseURL, size: 8, logger: logger)
/// let id: UUID = try await pool.transaction { connection in
///     let id = UUID()
///     try connection.query("INSERT INTO tickets (id, title) VALUES ($1, $2)", [id, title])
///     try connection.query("INSERT INTO ticket_events (ticket_id, kind) VALUES ($1, 'opened')", [id])
///     return id
/// }
/// ```
public final class PostgresPool: Sendable {
    private let slots: [PooledConnection]
    private let state: Mutex<State>
    private let logger: Logger
    /// How long a caller waits for a free connection before ``PostgresPoolTimeout``; nil: forever.
    public let acquireTimeout: Duration?
    /// When work last failed with a server outage (`PostgresError.isServerOutage`).
    private let lastOutage = Mutex<ContinuousClock.Instant?>(nil)
    /// Called after each committed ``transaction(_:)`` (see ``afterEachCommit(_:)``).
    private let commitObservers = Mutex<[@Sendable () -> Void]>([])

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Int, any Error>
    }

    private struct State {
        /// Free slot indices; the most recently used is taken first, so a lightly loaded pool
        /// keeps few connections open.
        var idle: [Int]
        var waiters: [Waiter] = []
        var inUse = 0
        var nextWaiterID: UInt64 = 0
        var isShutdown = false
    }

    /// Creates a pool of `size` connections to `url` (a `postgres://` URL); nothing connects
    /// until the first call. `applicationName` is sent as `application_name`. With
    /// `acquireTimeout`, a caller that waits that long for a free connection gets
    /// ``PostgresPoolTimeout`` (nothing of its body ran). `preparing` says when its sessions prepare
    /// statements afresh and whether they honour generic plans (``PreparedStatementPolicy``).
    public init(
        url: String, size: Int, applicationName: String? = nil, acquireTimeout: Duration? = nil,
        preparing: PreparedStatementPolicy = PreparedStatementPolicy(), logger: Logger
    ) {
        self.acquireTimeout = acquireTimeout
        precondition(size > 0, "a pool needs at least one connection")
        let readOnly = ReadOnlyWatermark()
        self.slots = (0..<size).map {
            PooledConnection(index: $0, url: url, applicationName: applicationName, preparing: preparing, logger: logger, readOnly: readOnly)
        }
        self.state = Mutex(State(idle: Array((0..<size).reversed())))
        self.logger = logger
    }

    /// Runs `body` with a connection of its own (autocommit unless it starts a transaction)
    /// and returns its result. A transaction left open by `body` is rolled back.
    public func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await self.run(transaction: false, body)
    }

    /// Runs `body` in a transaction: `COMMIT` when it returns, `ROLLBACK` when it throws.
    public func transaction<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let value = try await self.run(transaction: true, body)
        for observer in self.commitObservers.withLock({ $0 }) { observer() }
        return value
    }

    /// Registers `observer`, called (on the committing task, so it must be quick) after every
    /// transaction of this pool commits: how the outbox relay of this process learns at once
    /// that rows it may publish have become visible, without a round trip through `NOTIFY`.
    public func afterEachCommit(_ observer: @escaping @Sendable () -> Void) {
        self.commitObservers.withLock { $0.append(observer) }
    }

    /// Whether work failed with an outage (read-only, disk full, timeouts...) in the last 10 s
    /// (a read succeeding says nothing about writes, so only time clears it).
    public var isInOutage: Bool {
        self.lastOutage.withLock { seen in seen.map { ContinuousClock.now - $0 < .seconds(10) } ?? false }
    }

    /// For readiness: `true` when the database answers on a pooled connection, takes writes there
    /// (not a standby, not read-only) and no outage was seen lately (``isInOutage``).
    public func ping() async -> Bool {
        do {
            try await self.withConnection { connection in
                let writable = try connection.query(
                    "SELECT 1 AS ok WHERE NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'"
                ).count == 1
                // A read-only session stays so: let the pool replace it, so the next check sees
                // the database as it is then.
                if !writable { throw PostgresError(sqlState: "25006", message: "the session is read-only", isConnectionError: true) }
            }
            return !self.isInOutage
        } catch {
            self.logger.debug("postgres ping failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Fails all waiting callers, refuses new ones and closes every connection once the work
    /// already running on it has finished.
    public func shutdown() async {
        let waiters = self.state.withLock { state in
            state.isShutdown = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: Self.shutdownError) }
        for slot in self.slots { await slot.close() }
    }

    /// Current use, for metrics.
    public var statistics: PostgresPoolStatistics {
        let (inUse, waiting) = self.state.withLock { ($0.inUse, $0.waiters.count) }
        return PostgresPoolStatistics(
            size: self.slots.count,
            inUse: inUse,
            waiting: waiting,
            open: self.slots.filter(\.hasOpenConnection).count
        )
    }

    // MARK: - Private

    private static var shutdownError: PostgresError { PostgresError(message: "the connection pool is shut down") }

    private func run<T: Sendable>(transaction: Bool, _ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let index = try await self.acquire()
        defer { self.release(index) }
        // The body does not escape: `perform` returns only after the slot's queue ran it and let
        // go of it.
        do {
            let value = try await withoutActuallyEscaping(body) { body in
                try await self.slots[index].perform(transaction: transaction, body)
            }
            return value
        } catch let error as PostgresError where error.isServerOutage {
            // A running server's refusal (read-only, disk full) may come and go between two
            // checks, so readiness stays false a while. A lost connection needs no latch: the
            // next check that gets through proves the server is back.
            if !error.isConnectionError, !(error.sqlState.map { $0.hasPrefix("08") || $0.hasPrefix("57P") } ?? false) {
                self.lastOutage.withLock { $0 = .now }
            }
            throw error
        }
    }

    private func acquire() async throws -> Int {
        let id = self.state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                let immediate: Result<Int, any Error>? = self.state.withLock { state in
                    if state.isShutdown { return .failure(Self.shutdownError) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let index = state.idle.popLast() {
                        state.inUse += 1
                        return .success(index)
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate {
                    continuation.resume(with: immediate)
                } else if let timeout = self.acquireTimeout {
                    Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        self?.expire(id)
                    }
                }
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> Waiter? in
                guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: position)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Fails waiter `id` with ``PostgresPoolTimeout`` if it is still waiting.
    private func expire(_ id: UInt64) {
        let waiter = self.state.withLock { state -> Waiter? in
            guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: position)
        }
        waiter?.continuation.resume(throwing: PostgresPoolTimeout())
    }

    private func release(_ index: Int) {
        let next = self.state.withLock { state -> Waiter? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(index)
            state.inUse -= 1
            return nil
        }
        next?.continuation.resume(returning: index)
    }
}
