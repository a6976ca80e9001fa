import AMQP
import CaseStore
import Foundation
import Logging
import Outbox
import Postgres
import Testing

/// The outbox relay and the inbox on the real servers.
@Suite struct OutboxRelayTests {
    let logger = Logger(label: "outbox-tests")

    @Test func everyRowIsPublishedExactlyOnceEvenWithCompetingRelays() async throws {
        let databaseURL = try TestServers.value("DATABASE_URL")
        let amqp = try AMQPConfiguration(url: try TestServers.value("AMQP_URL"))
        let pool = PostgresPool(url: databaseURL, size: 4, logger: self.logger)
        _ = try await Migrator.migrate(pool, Schema.migrations, logger: self.logger)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let queue = try TestQueue("test.outbox.\(suffix)", amqp: amqp)
        let (exchange, setup) = (queue.name, queue.connection)
        defer { queue.remove() }

        let messages = (0..<300).map { i in
            OutboxMessage(
                id: UUID().uuidString.lowercased(), exchange: exchange, routingKey: "test.\(i)", type: "test", ticketId: nil,
                body: "{\"n\":\(i)}"
            )
        }
        try await pool.transaction { try Outbox.append(messages, on: $0) }

        // Two relays of our own race each other (and the services' relays) over the same rows.
        let publisherA = AMQPPublisher(configuration: amqp, logger: self.logger)
        let publisherB = AMQPPublisher(configuration: amqp, logger: self.logger)
        let wake = WakeUps(databaseURL: nil, channel: "outbox", pollInterval: .seconds(1), logger: self.logger)
        let relayA = OutboxRelay(pool: pool, publisher: publisherA, wakeUps: wake, logger: self.logger, batchSize: 50)
        let relayB = OutboxRelay(pool: pool, publisher: publisherB, wakeUps: wake, logger: self.logger, batchSize: 50)
        async let a: Void = { for _ in 0..<10 { _ = try? await relayA.relayOnce() } }()
        async let b: Void = { for _ in 0..<10 { _ = try? await relayB.relayOnce() } }()
        _ = await (a, b)

        var ids: [String] = []
        let deadline = Date().addingTimeInterval(20)
        while ids.count < messages.count, Date() < deadline {
            if let delivery = try setup.get(queue: queue.name) {
                ids.append(delivery.properties.messageId ?? "")
                try setup.ack(delivery.deliveryTag)
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        while let extra = try setup.get(queue: queue.name) {
            ids.append(extra.properties.messageId ?? "")
            try setup.ack(extra.deliveryTag)
        }
        #expect(ids.count == messages.count)
        #expect(Set(ids) == Set(messages.map(\.id)))
        let unpublished = try await pool.withConnection { connection in
            try connection.query(
                "SELECT count(*) AS n FROM outbox WHERE event_id = ANY($1::uuid[]) AND published_at IS NULL", [messages.map(\.id)]
            )[0].decode("n", as: Int.self)
        }
        #expect(unpublished == 0)
        await publisherA.shutdown()
        await publisherB.shutdown()
        await pool.shutdown()
    }

    @Test func inboxClaimsEachIdOnce() async throws {
        let pool = PostgresPool(url: try TestServers.value("DATABASE_URL"), size: 1, logger: self.logger)
        _ = try await Migrator.migrate(pool, Schema.migrations, logger: self.logger)
        let ids = (0..<5).map { _ in UUID().uuidString }
        let consumer = "test-\(UUID().uuidString.prefix(8))"
        let first = try await pool.transaction { try Inbox.claim(ids + [ids[0]], consumer: consumer, on: $0) }
        let second = try await pool.transaction { try Inbox.claim(ids, consumer: consumer, on: $0) }
        #expect(first == Set(ids))
        #expect(second.isEmpty)
        await pool.shutdown()
    }
}
