internal import CLibPQ
import Foundation
import Logging

/// One PostgreSQL session over libpq. Every call blocks the calling thread until the server
/// answers, so use it from a thread of your own — ``PostgresPool`` does that for you.
///
/// Not `Sendable`: it owns a `PGconn`, which libpq allows only one thread at a time to use.
/// Every libpq result passes through one check (``check(_:)``), which turns failures into
/// ``PostgresError`` with SQLSTATE, message and detail.
///
/// Each session starts with `TimeZone = 'UTC'` and `DateStyle = 'ISO, MDY'`, which the text
/// decoding of `Date` relies on, and with `client_encoding = UTF8`.
///
/// ```swift
/// let connection = try PostgresConnection(url: "postgres://app@127.0.0.1:5432/app")
/// let rows = try connection.query("SELECT name FROM users WHERE id = $1", [userID])
/// let name: String? = try rows.first?.decode("name")
/// ```
public final class PostgresConnection {
    /// The `PGconn*`; `nil` after ``close()``.
    private var handle: OpaquePointer?
    private let url: String
    private let applicationName: String?
    private let logger: Logger?
    /// The statements prepared on this session.
    private var statements: PreparedStatements
    /// The session's `plan_cache_mode`; `nil` when unknown (a rollback may have undone a `SET`).
    private var planMode: PostgresPlanMode?
    /// Actions waiting for the open transaction to commit (``afterCommit(_:)``).
    private var commitActions: [() -> Void] = []
    /// Connects (blocking). `url` is a `postgres://` URL or a libpq key=value string; an
    /// `applicationName` overrides the URL's `application_name`. Server notices (e.g. "table
    /// already exists, skipping") go to `logger` at debug level, or nowhere.
    /// `preparing` says when prepared statements are prepared afresh (``query(_:_:plan:)``).
    /// Throws ``PostgresError`` with `isConnectionError` when the server cannot be reached.
    public init(
        url: String, applicationName: String? = nil, logger: Logger? = nil, preparing: PreparedStatementPolicy = PreparedStatementPolicy()
    ) throws {
        self.url = url
        self.applicationName = applicationName
        self.logger = logger
        self.statements = PreparedStatements(policy: preparing)
        try self.connect()
    }

    deinit {
        if let handle = self.handle { PQfinish(handle) }
    }

    /// `true` while libpq considers the connection usable (`PQstatus == CONNECTION_OK`). It turns
    /// `false` only after a call noticed the break.
    public var isConnected: Bool {
        guard let handle = self.handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Closes the current session, if any, and opens a new one with the same settings. Session
    /// state (temporary tables, `SET`s, `LISTEN`s) is lost.
    public func reconnect() throws {
        self.close()
        try self.connect()
    }

    /// Closes the session; later calls throw a connection error until ``reconnect()``.
    public func close() {
        if let handle = self.handle { PQfinish(handle) }
        self.handle = nil
    }

    /// Runs one statement with `$1…$n` parameters (text format both ways; `nil` is `NULL`) and
    /// copies its rows out. The parameter types are inferred by the server: cast where it cannot
    /// tell (`$1::text[]`, `$1::timestamptz`).
    ///
    /// A `SELECT`, `INSERT`, `UPDATE`, `DELETE` or `WITH` statement is prepared on the session the
    /// first time it runs (`PQprepare`) and executed by name after that (`PQexecPrepared`), so
    /// the server parses and plans it once per session rather than on every call: most of the
    /// hot statements are short, and parsing and planning them was a large part of the
    /// database's CPU. Anything else runs through `PQexecParams`. A prepared statement is
    /// deallocated and prepared again after a while (``PreparedStatementPolicy``).
    ///
    /// `plan` says how PostgreSQL plans the statement's calls (``PostgresPlanMode``): a hot
    /// statement that PostgreSQL would plan on every call can keep one generic plan. The session's
    /// `plan_cache_mode` is set before a statement that needs another mode than the last one.
    @discardableResult
    public func query(
        _ sql: String, _ params: [(any PostgresEncodable)?] = [], plan: PostgresPlanMode = .automatic
    ) throws -> PostgresRows {
        let handle = try self.liveHandle()
        let name = try self.preparedStatement(for: sql, on: handle)
        if name != nil || !params.isEmpty {
            try self.setPlanMode(plan == .generic && self.statements.policy.genericPlans ? .generic : .automatic, on: handle)
        }
        let result = Self.withCStrings(params.map { $0?.postgresText }) { values in
            if let name {
                PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
            } else {
                PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
            }
        }
        do {
            let rows = try self.rows(from: self.check(result))
            // `ROLLBACK` (also `ROLLBACK TO SAVEPOINT`) undoes a `SET` made since.
            if rows.commandTag == "ROLLBACK" { self.planMode = nil }
            return rows
        } catch let error as PostgresError where error.sqlState == "0A000" && name != nil {
            // "cached plan must not change result type": a migration changed a table under a
            // prepared statement. Prepare afresh next time (the caller's transaction is lost).
            self.statements.removeAll()
            throw error
        }
    }

    /// The name of `sql` prepared on this session, preparing it now (again) if needed; nil for a
    /// statement that is not worth (or not allowed) preparing, or when the cache is full.
    private func preparedStatement(for sql: String, on handle: OpaquePointer) throws -> String? {
        let now = ContinuousClock.now
        switch self.statements.step(for: sql, now: now) {
        case .execute(let name):
            return name
        case .unnamed:
            return nil
        case .prepare(let name, let replacing):
            if let replacing { PQclear(try self.check(PQexec(handle, "DEALLOCATE " + replacing))) }
            PQclear(try self.check(PQprepare(handle, name, sql, 0, nil)))
            self.statements.prepared(sql, as: name, at: now)
            return name
        }
    }

    /// Sets the session's `plan_cache_mode` unless it is known to be `mode` already.
    private func setPlanMode(_ mode: PostgresPlanMode, on handle: OpaquePointer) throws {
        guard self.planMode != mode else { return }
        self.planMode = nil
        PQclear(try self.check(PQexec(handle, "SET plan_cache_mode = " + mode.setting)))
        self.planMode = mode
    }

    /// Runs a script of one or more statements without parameters through `PQexec`, e.g. a
    /// migration. Unless the script has its own `BEGIN`/`COMMIT`, the statements of one call
    /// run in one implicit transaction.
    public func execute(_ sql: String) throws {
        let handle = try self.liveHandle()
        if sql.range(of: "ROLLBACK", options: .caseInsensitive) != nil || sql.range(of: "plan_cache_mode", options: .caseInsensitive) != nil {
            self.planMode = nil
        }
        PQclear(try self.check(PQexec(handle, sql)))
    }

    /// Runs `body` between `BEGIN` and `COMMIT`; any error thrown by `body` (or by `COMMIT`)
    /// rolls back and is rethrown. A `COMMIT` that the server turns into a rollback, because a
    /// statement failed inside and `body` swallowed the error, throws too (SQLSTATE 25P02).
    /// Nesting is not supported: calling it inside a transaction throws.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try self.begin()
        return try self.completeTransaction(body)
    }

    /// Runs `action` once the open transaction has committed (on this connection's thread,
    /// right after `COMMIT`, so it must be quick: hand something over, wake someone); drops it
    /// if the transaction rolls back. For work that may only follow a durable change, e.g.
    /// giving the rows just written to an in-process worker.
    public func afterCommit(_ action: @escaping () -> Void) {
        self.commitActions.append(action)
    }

    /// Sends `NOTIFY` on `channel` via `pg_notify` (delivered at commit).
    public func notify(_ channel: String, payload: String = "") throws {
        try self.query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    // MARK: - Internal, for the pool and the listener

    /// `BEGIN`, refusing to nest.
    func begin() throws {
        let handle = try self.liveHandle()
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PostgresError(sqlState: "25001", message: "transaction() called while a transaction is already open")
        }
        try self.execute("BEGIN")
    }

    /// Runs `body` inside the open transaction, then `COMMIT`, or `ROLLBACK` on any error.
    func completeTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let value: T
        self.commitActions = []
        defer { self.commitActions = [] }
        do {
            value = try body(self)
        } catch {
            self.rollbackIfOpen()
            throw error
        }
        let commit = try self.query("COMMIT")
        if commit.commandTag != "ROLLBACK" {
            for action in self.commitActions { action() }
        }
        if commit.commandTag == "ROLLBACK" {
            throw PostgresError(
                sqlState: "25P02",
                message: "COMMIT rolled back: a statement in the transaction failed and its error was not propagated"
            )
        }
        return value
    }

    /// Rolls back an open or failed transaction, ignoring errors (the connection may be gone).
    func rollbackIfOpen() {
        guard let handle = self.handle, PQstatus(handle) == CONNECTION_OK,
              PQtransactionStatus(handle) != PQTRANS_IDLE
        else { return }
        self.planMode = nil
        PQclear(PQexec(handle, "ROLLBACK"))
    }

    /// `true` when a transaction is open or failed (the session is not idle).
    var isInTransaction: Bool {
        guard let handle = self.handle, PQstatus(handle) == CONNECTION_OK else { return false }
        return PQtransactionStatus(handle) != PQTRANS_IDLE
    }

    /// Checks, without blocking, that an idle connection's server is still there: a server
    /// that restarted or ended the session has sent an error and/or closed the socket, which
    /// makes the socket readable. Must only be called while no statement is running.
    func isAliveWhileIdle() -> Bool {
        guard let handle = self.handle, PQstatus(handle) == CONNECTION_OK else { return false }
        let socket = PQsocket(handle)
        guard socket >= 0 else { return false }
        // A departing server sends an error message, then closes: libpq notices the close only
        // when a read returns end-of-file, so read (and parse) until nothing more is pending.
        for _ in 0..<4 {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { return PQstatus(handle) == CONNECTION_OK }
            guard PQconsumeInput(handle) == 1 else { return false }
            _ = PQisBusy(handle)
            // Pooled connections do not LISTEN; drop anything that arrived so it cannot pile up.
            while let notification = PQnotifies(handle) { PQfreemem(notification) }
            guard PQstatus(handle) == CONNECTION_OK else { return false }
        }
        // Still more unsolicited input: something is off, so a fresh session is the safe choice.
        return false
    }

    /// `LISTEN` on each channel, names quoted as identifiers with `PQescapeIdentifier`.
    func listen(_ channels: [String]) throws {
        let handle = try self.liveHandle()
        for channel in channels {
            guard let quoted = PQescapeIdentifier(handle, channel, channel.utf8.count) else {
                throw self.failure(nil)
            }
            let identifier = String(cString: quoted)
            PQfreemem(quoted)
            try self.execute("LISTEN " + identifier)
        }
    }

    /// Waits up to `milliseconds` for the socket to become readable, then returns whatever
    /// notifications arrived (possibly none). Throws a connection error when the session broke.
    func waitForNotifications(milliseconds: Int32) throws -> [PostgresNotification] {
        let handle = try self.liveHandle()
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0, errno != EINTR {
            throw PostgresError(message: "poll failed: errno \(errno)", isConnectionError: true)
        }
        if ready > 0, PQconsumeInput(handle) != 1 {
            throw self.failure(nil)
        }
        var notifications: [PostgresNotification] = []
        while let notification = PQnotifies(handle) {
            notifications.append(
                PostgresNotification(
                    channel: String(cString: notification.pointee.relname),
                    payload: String(cString: notification.pointee.extra)
                )
            )
            PQfreemem(notification)
        }
        guard PQstatus(handle) == CONNECTION_OK else { throw self.failure(nil) }
        return notifications
    }

    // MARK: - Private

    private func connect() throws {
        // Keywords before `dbname` are defaults the URL may override; those after it win.
        var keywords = ["connect_timeout", "dbname", "client_encoding"]
        var values = ["10", self.url, "UTF8"]
        if let applicationName = self.applicationName {
            keywords.append("application_name")
            values.append(applicationName)
        }
        let handle = Self.withCStrings(keywords) { keywordPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers + [nil], valuePointers + [nil], 1)
            }
        }
        guard let handle else {
            throw PostgresError(message: "libpq could not allocate a connection", isConnectionError: true)
        }
        self.handle = handle
        self.statements.removeAll()
        self.planMode = nil
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = self.failure(nil)
            self.close()
            throw error
        }
        PQsetNoticeProcessor(handle, { context, message in
            guard let context, let message else { return }
            let connection = Unmanaged<PostgresConnection>.fromOpaque(context).takeUnretainedValue()
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            connection.logger?.debug("postgres notice", metadata: ["notice": "\(text)"])
        }, Unmanaged.passUnretained(self).toOpaque())
        do {
            try self.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET plan_cache_mode = auto")
            self.planMode = .automatic
        } catch {
            self.close()
            throw error
        }
    }

    /// The handle if the connection is usable, else a connection error (nothing is sent).
    private func liveHandle() throws -> OpaquePointer {
        guard let handle = self.handle else {
            throw PostgresError(message: "connection is closed", isConnectionError: true)
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(message: "connection is broken; reconnect() first", isConnectionError: true)
        }
        return handle
    }

    /// The single error check for libpq results: returns a successful result, or clears it and
    /// throws ``PostgresError`` built by ``failure(_:)``.
    private func check(_ result: OpaquePointer?) throws -> OpaquePointer {
        guard let result else { throw self.failure(nil) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            let error = self.failure(result)
            PQclear(result)
            throw error
        }
    }

    /// Builds the error for a failed result (SQLSTATE, message, detail) or, without one, from
    /// the connection's last error message.
    private func failure(_ result: OpaquePointer?) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(UInt8(ascii: "C"))
        var message = field(UInt8(ascii: "M"))
        if message == nil, let result, let text = PQresultErrorMessage(result) { message = String(cString: text) }
        if message?.isEmpty ?? true, let handle = self.handle, let text = PQerrorMessage(handle) {
            message = String(cString: text)
        }
        let broken = self.handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        return PostgresError(
            sqlState: sqlState,
            message: (message ?? "unknown libpq error").trimmingCharacters(in: .whitespacesAndNewlines),
            detail: field(UInt8(ascii: "D")),
            isConnectionError: broken || PostgresError.isConnectionState(sqlState),
            constraint: field(UInt8(ascii: "n")),
            table: field(UInt8(ascii: "t")),
            column: field(UInt8(ascii: "c"))
        )
    }

    /// Copies a successful result into Swift values and clears it.
    private func rows(from result: OpaquePointer) -> PostgresRows {
        defer { PQclear(result) }
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        var values: [String?] = []
        values.reserveCapacity(Int(columnCount) * Int(rowCount))
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!)
                    values.append(String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
            }
        }
        let storage = PostgresResultStorage(columns: columns, rowCount: Int(rowCount), values: values)
        return PostgresRows(
            storage: storage,
            affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0,
            commandTag: String(cString: PQcmdStatus(result))
        )
    }

    /// Gives `body` C copies of `strings` (`nil` stays a null pointer), freed afterwards.
    private static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// One owner at a time: the `PGconn` must not be used from two threads at once.
@available(*, unavailable)
extension PostgresConnection: Sendable {}
