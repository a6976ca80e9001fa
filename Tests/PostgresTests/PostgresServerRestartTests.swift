import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// Kills a private server's postmaster with SIGKILL and starts it again with the stack
    /// script: the pool and the listener recover. The server is the test's own, so other tests
    /// running at the same time (other modules' too) are not disturbed.
    @Suite("Server restart")
    struct PostgresServerRestartTests {
        @Test func poolAndListenerRecoverAfterKillNine() async throws {
            let server = try PrivatePostgresServer.start()
            defer { server.destroy() }
            let url = server.url
            let pool = PostgresPool(url: url, size: 4, logger: TestDatabase.logger)
            let channel = TestDatabase.uniqueName("restart")
            let listener = PostgresListener(url: url, channels: [channel], logger: TestDatabase.logger)
            let events = EventRecorder(listener.notifications())
            defer { listener.stop() }
            try await events.waitFor(count: 1) { $0 == .reconnected }

            // Open all four connections, so every one of them is broken by the restart.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await pool.withConnection { _ = try $0.query("SELECT pg_sleep(0.1)") } }
                }
                try await group.waitForAll()
            }
            #expect(pool.statistics.open == 4)
            try await pool.withConnection { try $0.notify(channel, payload: "before") }
            try await events.waitFor(count: 1) { $0 == .notification(PostgresNotification(channel: channel, payload: "before")) }

            try server.killPostmaster()
            let whileDown = await thrownError(PostgresError.self) {
                try await pool.withConnection { _ = try $0.query("SELECT 1") }
            }
            #expect(whileDown?.isConnectionError == true, "a query while the server is down is a connection error")
            #expect(await pool.ping() == false)

            try server.startPostmaster()
            let restarted = ContinuousClock.now
            var failures: [PostgresError] = []
            var recovered = false
            while ContinuousClock.now - restarted < .seconds(10) {
                do {
                    let one = try await pool.withConnection { connection in
                        try connection.query("SELECT 1 AS one")[0].decode("one", as: Int.self)
                    }
                    recovered = one == 1
                    break
                } catch let error as PostgresError {
                    failures.append(error)
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            print("postgres pool recovered after restart in \(ContinuousClock.now - restarted) with \(failures.count) failed attempts")
            #expect(recovered)
            #expect(failures.allSatisfy { $0.isConnectionError }, "\(failures)")
            // Every pooled connection works again, transactions included.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<16 {
                    group.addTask { _ = try await pool.transaction { try $0.query("SELECT $1::int AS n", [n]) } }
                }
                try await group.waitForAll()
            }
            #expect(await pool.ping())

            // The listener reconnects by itself, says so, and hears new notifications.
            try await events.waitFor(count: 2, timeout: .seconds(15)) { $0 == .reconnected }
            try await pool.withConnection { try $0.notify(channel, payload: "after") }
            try await events.waitFor(count: 1) { $0 == .notification(PostgresNotification(channel: channel, payload: "after")) }
            let order = events.all.filter { $0 != .notification(PostgresNotification(channel: channel, payload: "before")) }
            #expect(order.suffix(2) == [.reconnected, .notification(PostgresNotification(channel: channel, payload: "after"))])
            await pool.shutdown()
        }
    }
}
