import Dispatch
import Logging
import Synchronization

/// One slot of ``PostgresPool``: a lazily opened ``PostgresConnection`` and the serial
/// `DispatchQueue` that alone touches it, so blocking libpq calls run on that queue's thread
/// and never on Swift's cooperative pool.
///
/// `@unchecked Sendable`: the mutable `connection` is read and written only by blocks running
/// on `queue`, which is serial, so no two threads ever use it at once; the other stored
/// properties are immutable or atomic.
final class PooledConnection: @unchecked Sendable {
    private let queue: DispatchQueue
    private let url: String
    private let applicationName: String?
    private let preparing: PreparedStatementPolicy
    private let logger: Logger
    private let isOpen = Atomic<Bool>(false)
    private let readOnly: ReadOnlyWatermark
    private var connection: PostgresConnection?
    private var openedAt = ContinuousClock.now

    init(
        index: Int, url: String, applicationName: String?, preparing: PreparedStatementPolicy = PreparedStatementPolicy(), logger: Logger,
        readOnly: ReadOnlyWatermark = ReadOnlyWatermark()
    ) {
        self.readOnly = readOnly
        self.queue = DispatchQueue(label: "postgres.pool.connection.\(index)")
        self.url = url
        self.applicationName = applicationName
        self.preparing = preparing
        var logger = logger
        logger[metadataKey: "postgres.connection"] = "\(index)"
        self.logger = logger
    }

    /// `true` while a session is open (for statistics).
    var hasOpenConnection: Bool { self.isOpen.load(ordering: .relaxed) }

    /// Runs `body` on this slot's queue and suspends the caller (not a thread) until it is done.
    /// With `transaction`, `body` runs between `BEGIN` and `COMMIT`.
    func perform<T: Sendable>(
        transaction: Bool,
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let job = Job(body)
        return try await withCheckedThrowingContinuation { continuation in
            self.queue.async {
                continuation.resume(with: self.run(job, transaction: transaction))
            }
        }
    }

    /// Closes the session after any work already queued has finished.
    func close() async {
        await withCheckedContinuation { continuation in
            self.queue.async {
                self.drop()
                continuation.resume()
            }
        }
    }

    // MARK: - On `queue` only

    /// Takes the body out of `job` so no reference to it outlives this call (the pool passes a
    /// non-escaping closure through `withoutActuallyEscaping`).
    private func run<T>(_ job: Job<T>, transaction: Bool) -> Result<T, any Error> {
        let body = job.take()
        return Result { try self.execute(body, transaction: transaction) }
    }

    private func execute<T>(_ body: (PostgresConnection) throws -> T, transaction: Bool) throws -> T {
        let connection = try self.readyConnection()
        defer { self.afterUse(connection) }
        do {
            guard transaction else { return try body(connection) }
            do {
                try connection.begin()
            } catch let error as PostgresError where error.isConnectionError {
                // Nothing of the body has run yet, so reconnecting and beginning again is safe.
                self.logger.notice("BEGIN failed on a broken connection; reconnecting once", metadata: ["error": "\(error)"])
                try connection.reconnect()
                try connection.begin()
            }
            return try connection.completeTransaction(body)
        } catch let error as PostgresError where error.isConnectionError && connection.isConnected {
            // The session is still open but over for us (read-only since it began, 25006): a
            // new one sees the database as it is now.
            self.logger.notice("closing a pooled connection the server ended for us", metadata: ["sqlstate": "\(error.sqlState ?? "-")"])
            if error.sqlState == "25006" { self.readOnly.mark() }
            connection.close()
            throw error
        }
    }

    /// The open connection if its server is still there; otherwise a new one. Runs before any
    /// of the caller's statements, so replacing the connection here can never repeat work.
    private func readyConnection() throws -> PostgresConnection {
        if let connection = self.connection {
            if self.readOnly.isStale(self.openedAt) {
                // Opened before a read-only session was met: it may be read-only too.
                self.logger.notice("replacing a pooled connection opened before a read-only session was met")
                connection.close()
                self.drop()
            } else if connection.isAliveWhileIdle() {
                return connection
            }
        }
        if let connection = self.connection {
            self.logger.notice("pooled connection found broken while idle; reconnecting")
            self.drop()
        }
        self.openedAt = .now
        let connection = try PostgresConnection(url: self.url, applicationName: self.applicationName, logger: self.logger, preparing: self.preparing)
        self.connection = connection
        self.isOpen.store(true, ordering: .relaxed)
        return connection
    }

    /// Drops a broken connection (the next use reconnects) and rolls back a transaction a body
    /// left open, so the next caller starts clean.
    private func afterUse(_ connection: PostgresConnection) {
        guard connection.isConnected else {
            self.logger.notice("discarding broken pooled connection")
            self.drop()
            return
        }
        if connection.isInTransaction {
            self.logger.warning("a pooled connection was returned inside a transaction; rolling back")
            connection.rollbackIfOpen()
        }
    }

    private func drop() {
        self.connection = nil
        self.isOpen.store(false, ordering: .relaxed)
    }
}

/// Carries the caller's body to the slot's queue exactly once.
///
/// `@unchecked Sendable`: `body` is written in `init` before the job is enqueued and read and
/// cleared once by `take()` on the slot's queue; the enqueue orders the two.
private final class Job<T>: @unchecked Sendable {
    private var body: (@Sendable (PostgresConnection) throws -> T)?

    init(_ body: @escaping @Sendable (PostgresConnection) throws -> T) {
        self.body = body
    }

    func take() -> @Sendable (PostgresConnection) throws -> T {
        defer { self.body = nil }
        return self.body!
    }
}
