import AMQP
import Foundation
import Logging
import Testing

extension AMQPIntegration {
    @Suite struct AMQPPublisherTests {
        @Test func publishesConnectsLazilyAndRunsSetup() async throws {
            let configuration = try TestBroker.configuration()
            let exchange = TestBroker.uniqueName("events")
            let queue = TestBroker.uniqueName("events.q")
            let publisher = AMQPPublisher(configuration: configuration, logger: Logger(label: "test.publisher")) { connection in
                try connection.declareExchange(exchange, kind: .topic, durable: false)
                try connection.declareQueue(queue, durable: false)
                try connection.bindQueue(queue, exchange: exchange, routingKey: "ticket.*")
            }
            #expect(await !publisher.isConnected())
            try await publisher.publish((0..<20).map {
                AMQPOutgoingMessage(exchange: exchange, routingKey: "ticket.received", body: [UInt8($0)])
            })
            #expect(await publisher.isConnected())
            await #expect(throws: AMQPError.self) {
                try await publisher.publish([AMQPOutgoingMessage(exchange: exchange, routingKey: "nobody.listens", body: [])])
            }
            #expect(await publisher.isConnected())
            await publisher.shutdown()
            #expect(await !publisher.isConnected())
            await #expect(throws: AMQPError.self) {
                try await publisher.publish([AMQPOutgoingMessage(exchange: exchange, routingKey: "ticket.x", body: [])])
            }

            let admin = try TestBroker.connect()
            defer { admin.close() }
            #expect(try admin.declareQueue(queue, durable: false).messageCount == 20)
            try admin.deleteQueue(queue)
            try admin.deleteExchange(exchange)
        }

        @Test func aNackReplacesTheConnection() async throws {
            let full = TestBroker.uniqueName("full")
            let publisher = AMQPPublisher(configuration: try TestBroker.configuration(), logger: Logger(label: "test.publisher")) { connection in
                try connection.declareQueue(full, durable: false, arguments: ["x-max-length": .long(0), "x-overflow": .string("reject-publish")])
            }
            let error = await #expect(throws: AMQPError.self) {
                try await publisher.publish([AMQPOutgoingMessage(exchange: "", routingKey: full, body: [1])])
            }
            #expect(error?.nackedByBroker == true && error?.isConnectionError == false)
            #expect(await !publisher.isConnected())
            // The next publish opens a new connection.
            try await publisher.publish([AMQPOutgoingMessage(exchange: "", routingKey: "", body: [2], mandatory: false)])
            #expect(await publisher.isConnected())
            await publisher.shutdown()
            let admin = try TestBroker.connect()
            defer { admin.close() }
            try admin.deleteQueue(full)
        }

        @Test func idleConnectionsSurviveOnHeartbeatsAlone() async throws {
            // heartbeat 1 s: the broker drops a silent connection after about 2 s.
            let configuration = try TestBroker.configuration(heartbeat: 1)
            let queue = TestBroker.uniqueName("idle")
            let publisher = AMQPPublisher(configuration: configuration, logger: Logger(label: "test.publisher")) { connection in
                try connection.declareQueue(queue, durable: false)
            }
            try await publisher.publish([AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [1])])

            let recorder = Recorder()
            let consumer = AMQPConsumer(configuration: configuration, queue: queue, logger: Logger(label: "test.consumer")) { connection in
                try connection.declareQueue(queue, durable: false)
            }
            let task = Task {
                try await consumer.run { batch in
                    await recorder.record(batch)
                    // A handler far slower than the heartbeat interval.
                    if batch.contains(where: { $0.body == [1] }) { try? await Task.sleep(for: .seconds(4)) }
                    return batch.map { _ in .ack }
                }
            }
            try await Task.sleep(for: .seconds(5))
            #expect(await publisher.isConnected())
            try await publisher.publish([AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [2])])
            let both = await recorder.waitUntil(timeout: .seconds(5)) { $0.contains { $0.body == [2] } }
            task.cancel()
            try await task.value
            await publisher.shutdown()
            #expect(both)
            // Neither connection was replaced, so [1] was acked once and never redelivered.
            #expect(await recorder.deliveries.map(\.body) == [[1], [2]])

            let admin = try TestBroker.connect()
            defer { admin.close() }
            try admin.deleteQueue(queue)
        }
    }

    @Suite struct BrokerRestartFailureTests {
        /// Kills the broker: other test targets that use it at the same moment see it go away.
        /// `AMQP_TEST_SKIP_RESTART=1` leaves this one out.
        @Test(
            .timeLimit(.minutes(2)),
            .disabled(if: ProcessInfo.processInfo.environment["AMQP_TEST_SKIP_RESTART"] == "1", "AMQP_TEST_SKIP_RESTART=1")
        )
        func consumerAndPublisherSurviveABrokerRestart() async throws {
            let broker = try BrokerControl()
            let configuration = try TestBroker.configuration(heartbeat: 5)
            let queue = TestBroker.uniqueName("restart")
            // A classic durable queue: RabbitMQ 3.10 can lose a quorum queue declared seconds before
            // a kill -9 (it comes back as a follower with an empty log and never elects a leader).
            let setup: @Sendable (AMQPConnection) throws -> Void = { connection in
                try connection.declareQueue(queue, durable: true)
            }
            let publisher = AMQPPublisher(configuration: configuration, logger: Logger(label: "test.publisher"), setup: setup)
            let consumer = AMQPConsumer(configuration: configuration, queue: queue, logger: Logger(label: "test.consumer"), setup: setup)
            let recorder = Recorder()
            let task = Task {
                try await consumer.run { batch in
                    await recorder.record(batch)
                    return batch.map { _ in .ack }
                }
            }
            defer { task.cancel() }
            let message = { (id: String) in
                AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array(id.utf8), properties: AMQPProperties(messageId: id))
            }
            try await publisher.publish([message("before")])
            #expect(await recorder.waitUntil(timeout: .seconds(10)) { $0.contains { $0.properties.messageId == "before" } })

            try broker.kill()
            // The publisher fails while the broker is down...
            await #expect(throws: AMQPError.self) { try await publisher.publish([message("during")]) }
            await #expect(throws: AMQPError.self) { try await publisher.publish([message("during")]) }
            #expect(await !publisher.isConnected())

            try await broker.start()
            // ...and succeeds once it is back (each failed call waits out its backoff first).
            var published = false
            let deadline = ContinuousClock.now + .seconds(40)
            while !published && ContinuousClock.now < deadline {
                do {
                    try await publisher.publish([message("after")])
                    published = true
                } catch {
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            #expect(published)
            let received = await recorder.waitUntil(timeout: .seconds(40)) { $0.contains { $0.properties.messageId == "after" } }
            #expect(received)
            #expect(consumer.isConnected)
            task.cancel()
            try await task.value
            await publisher.shutdown()

            let admin = try TestBroker.connect()
            defer { admin.close() }
            try admin.deleteQueue(queue)
        }
    }
}
