import AMQP
import CaseStore
import Foundation
import Logging
import Outbox
import Postgres
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// The relay as a `Service` under a graceful shutdown: `run()` returns promptly, and what it
/// leaves is whole: every row marked published reached the broker, the relay's cursor never
/// passed a row the broker did not confirm, and nothing written after the shutdown is published.
@Suite struct OutboxRelayShutdownTests {
    let logger = Logger(label: "outbox-shutdown-tests")

    @Test func aGracefulShutdownStopsTheRelayWithNothingHalfDone() async throws {
        let base = try TestServers.value("DATABASE_URL")
        let amqp = try AMQPConfiguration(url: try TestServers.value("AMQP_URL"))
        // A schema of its own: the services' relays (on `public`) never see these rows.
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try PostgresConnection(url: base)
        try admin.query("CREATE SCHEMA \(schema)")
        defer {
            _ = try? admin.query("DROP SCHEMA \(schema) CASCADE")
            admin.close()
        }
        let pool = PostgresPool(url: base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(schema)", size: 2, logger: self.logger)
        _ = try await Migrator.migrate(pool, Schema.migrations, logger: self.logger)
        let name = "test.shutdown.\(schema)"
        let queue = try TestQueue(name, amqp: amqp)
        let setup = queue.connection
        defer { queue.remove() }
        @Sendable func messages(_ count: Int) -> [OutboxMessage] {
            (0..<count).map { i in
                OutboxMessage(id: UUID().uuidString.lowercased(), exchange: name, routingKey: "test.\(i)", type: "test", ticketId: nil, body: "{\"n\":\(i)}")
            }
        }
        let batch = messages(200)
        try await pool.transaction { try Outbox.append(batch, on: $0) }

        let publisher = AMQPPublisher(configuration: amqp, logger: self.logger)
        let relay = OutboxRelay(
            pool: pool, publisher: publisher, wakeUps: WakeUps(databaseURL: nil, channel: "outbox", pollInterval: .milliseconds(50), logger: self.logger),
            logger: self.logger, batchSize: 20
        )
        let stopped = try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Duration.self) { group in
                group.addTask {
                    try await relay.run()
                    return .zero
                }
                // Shut down while the relay is busy: after its first batches, before the last.
                let deadline = ContinuousClock.now + .seconds(20)
                while try await pool.withConnection({ try $0.query("SELECT count(*) AS n FROM outbox WHERE published_at IS NOT NULL")[0].decode("n", as: Int.self) }) == 0,
                    ContinuousClock.now < deadline
                {
                    try await Task.sleep(for: .milliseconds(5))
                }
                let asked = ContinuousClock.now
                trigger.triggerGracefulShutdown()
                try await group.next()
                return ContinuousClock.now - asked
            }
        }
        // The relay finishes the drain it is in (in-flight work), then stops; on a loaded machine
        // that drain alone took 14 s, so the bound only catches a relay that never stops.
        #expect(stopped < .seconds(60), "run() returned \(stopped) after the shutdown began")
        await publisher.shutdown()

        let rows = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT event_id::text AS id, published_at IS NOT NULL AS published,
                       (tx, seq) <= ((SELECT tx FROM outbox_cursor WHERE id = 1), (SELECT seq FROM outbox_cursor WHERE id = 1)) AS passed
                FROM outbox
                """
            ).map { (id: try $0.decode("id", as: String.self), published: try $0.decode("published", as: Bool.self), passed: try $0.decode("passed", as: Bool.self)) }
        }
        #expect(rows.filter { $0.passed && !$0.published }.isEmpty, "the stopped relay's cursor passed rows the broker never confirmed")
        var received: Set<String> = []
        let drainDeadline = Date().addingTimeInterval(10)
        while Date() < drainDeadline {
            guard let delivery = try setup.get(queue: name) else {
                if received.count >= rows.filter(\.published).count { break }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            received.insert(delivery.properties.messageId ?? "")
            try setup.ack(delivery.deliveryTag)
        }
        // Published means confirmed by the broker: each such row is in the queue.
        #expect(Set(rows.filter(\.published).map(\.id)).isSubset(of: received))

        // Stopped is stopped: a row written now stays unpublished.
        let late = messages(1)
        try await pool.transaction { try Outbox.append(late, on: $0) }
        try await Task.sleep(for: .milliseconds(300))
        let unpublished = try await pool.withConnection {
            try $0.query("SELECT count(*) AS n FROM outbox WHERE published_at IS NULL")[0].decode("n", as: Int.self)
        }
        #expect(unpublished >= 1)
        await pool.shutdown()
    }
}
