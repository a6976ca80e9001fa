import Foundation
import Postgres
import Synchronization
import Testing

extension DatabaseTests {
    @Suite("PostgresPool")
    struct PostgresPoolTests {
        @Test func manyConcurrentTransactionsOnFourConnections() async throws {
            let pool = PostgresPool(url: try TestDatabase.url(), size: 4, logger: TestDatabase.logger)
            let table = TestDatabase.uniqueName("pool_tx")
            let counter = table + "_counter"
            try await pool.withConnection { connection in
                try connection.execute(
                    "CREATE TABLE \(table) (n int PRIMARY KEY); CREATE TABLE \(counter) (total int); INSERT INTO \(counter) VALUES (0)"
                )
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<200 {
                    group.addTask {
                        try await pool.transaction { connection in
                            try connection.query("INSERT INTO \(table) (n) VALUES ($1)", [n])
                            try connection.query("UPDATE \(counter) SET total = total + 1")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (rows, total) = try await pool.withConnection { connection in
                (
                    try connection.query("SELECT count(*) AS c FROM \(table)")[0].decode("c", as: Int.self),
                    try connection.query("SELECT total FROM \(counter)")[0].decode("total", as: Int.self)
                )
            }
            #expect(rows == 200)
            #expect(total == 200)
            let statistics = pool.statistics
            #expect(statistics.size == 4 && statistics.inUse == 0 && statistics.waiting == 0)
            #expect(statistics.open <= 4)
            try await pool.withConnection { try $0.execute("DROP TABLE \(table), \(counter)") }
            await pool.shutdown()
            #expect(pool.statistics.open == 0)
        }

        @Test func transactionRollsBackAndConnectionIsReused() async throws {
            struct Boom: Error {}
            let pool = PostgresPool(url: try TestDatabase.url(), size: 1, logger: TestDatabase.logger)
            let table = TestDatabase.uniqueName("pool_rb")
            try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (x int)") }
            await #expect(throws: Boom.self) {
                try await pool.transaction { connection in
                    try connection.query("INSERT INTO \(table) VALUES (1)")
                    throw Boom()
                }
            }
            // A body that leaves a transaction open gets it rolled back when the connection returns.
            try await pool.withConnection { connection in
                try connection.execute("BEGIN; INSERT INTO \(table) VALUES (2)")
            }
            let count = try await pool.withConnection { connection in
                try connection.query("SELECT count(*) AS c FROM \(table)")[0].decode("c", as: Int.self)
            }
            #expect(count == 0)
            try await pool.withConnection { try $0.execute("DROP TABLE \(table)") }
            await pool.shutdown()
        }

        @Test func waitersAreServedInArrivalOrderAndCanBeCancelled() async throws {
            let pool = PostgresPool(url: try TestDatabase.url(), size: 1, logger: TestDatabase.logger)
            let order = Recorder()
            // The holder keeps the only connection until every waiter has queued, however slow the machine.
            let release = Atomic(false)
            let holder = Task {
                try await pool.withConnection { _ in
                    while !release.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.01) }
                }
            }
            try await Self.waitUntil { pool.statistics.inUse == 1 }
            var waiters: [Task<Void, any Error>] = []
            for n in 0..<5 {
                waiters.append(Task { try await pool.withConnection { _ in order.append(n) } })
                try await Self.waitUntil { pool.statistics.waiting == n + 1 }
            }
            let cancelled = Task { try await pool.withConnection { _ in order.append(99) } }
            try await Self.waitUntil { pool.statistics.waiting == 6 }
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            #expect(pool.statistics.waiting == 5)
            release.store(true, ordering: .releasing)
            try await holder.value
            for waiter in waiters { try await waiter.value }
            #expect(order.values == [0, 1, 2, 3, 4])
            await pool.shutdown()
        }

        @Test func connectionTerminatedWhileIdleIsReplacedBeforeTheBodyRuns() async throws {
            let pool = PostgresPool(url: try TestDatabase.url(), size: 1, logger: TestDatabase.logger)
            let first = try await pool.withConnection { connection in
                try connection.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            }
            let killer = try PostgresConnection(url: try TestDatabase.url())
            #expect(try killer.query("SELECT pg_terminate_backend($1, 5000) AS done", [first])[0].decode("done", as: Bool.self))
            // No connection error reaches the caller: the dead session is noticed while idle.
            let second = try await pool.withConnection { connection in
                try connection.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            }
            #expect(second != first)
            #expect(try killer.query("SELECT pg_terminate_backend($1, 5000) AS done", [second])[0].decode("done", as: Bool.self))
            try await pool.transaction { connection in _ = try connection.query("SELECT 1") }
            await pool.shutdown()
        }

        @Test func lazyPoolAgainstDownServer() async throws {
            let pool = PostgresPool(url: "postgres://nobody@127.0.0.1:1/none", size: 2, logger: TestDatabase.logger)
            #expect(await pool.ping() == false)
            let error = await thrownError(PostgresError.self) { try await pool.withConnection { _ in () } }
            #expect(error?.isConnectionError == true)
            #expect(pool.statistics.inUse == 0)
            await pool.shutdown()
            let afterShutdown = await thrownError(PostgresError.self) { try await pool.withConnection { _ in () } }
            #expect(afterShutdown != nil)
        }

        @Test func pingAnswersTrue() async throws {
            let pool = PostgresPool(url: try TestDatabase.url(), size: 1, logger: TestDatabase.logger)
            #expect(await pool.ping())
            await pool.shutdown()
        }

        @Test func measureSimpleInsertsPerSecond() async throws {
            let pool = PostgresPool(url: try TestDatabase.url(), size: 8, logger: TestDatabase.logger)
            let table = TestDatabase.uniqueName("pool_bench")
            try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (id bigserial PRIMARY KEY, body text, at timestamptz)") }
            let workers = 16
            let perWorker = 400
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<workers {
                        group.addTask {
                            for n in 0..<perWorker {
                                try await pool.withConnection { connection in
                                    _ = try connection.query(
                                        "INSERT INTO \(table) (body, at) VALUES ($1, $2)",
                                        ["worker \(worker) row \(n)", Date()]
                                    )
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let total = workers * perWorker
            print("postgres pool size 8: \(total) single-row autocommit inserts in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) inserts/s")
            let count = try await pool.withConnection { connection in
                try connection.query("SELECT count(*) AS c FROM \(table)")[0].decode("c", as: Int.self)
            }
            #expect(count == total)
            try await pool.withConnection { try $0.execute("DROP TABLE \(table)") }
            await pool.shutdown()
        }

        static func waitUntil(timeout: Duration = .seconds(5), _ condition: () -> Bool) async throws {
            let deadline = ContinuousClock.now + timeout
            while !condition() {
                guard ContinuousClock.now < deadline else { throw TestSetupError("condition not met in \(timeout)") }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }
}

/// A thread-safe list of what happened, in order.
final class Recorder: Sendable {
    private let storage = Mutex<[Int]>([])

    func append(_ value: Int) { self.storage.withLock { $0.append(value) } }

    var values: [Int] { self.storage.withLock { $0 } }
}
