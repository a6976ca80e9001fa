import AMQP
import Logging
import Testing

extension AMQPIntegration {
    @Suite struct AMQPConsumerTests {
        @Test func consumesInBatchesAndAcksThemAll() async throws {
            let configuration = try TestBroker.configuration()
            let queue = TestBroker.uniqueName("batches")
            let admin = try AMQPConnection(configuration: configuration)
            defer {
                try? admin.deleteQueue(queue)
                admin.close()
            }
            try admin.declareQueue(queue, arguments: TestBroker.quorumArguments())
            let count = 250
            try admin.publishConfirmed((0..<count).map {
                AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("\($0)".utf8), properties: AMQPProperties(messageId: "b-\($0)"))
            })

            let recorder = Recorder()
            let consumer = AMQPConsumer(configuration: configuration, queue: queue, prefetch: 100, logger: Logger(label: "test.consumer"))
            let task = Task {
                try await consumer.run(maxBatch: 100, batchWindow: .milliseconds(20)) { batch in
                    await recorder.record(batch)
                    return batch.map { _ in .ack }
                }
            }
            let complete = await recorder.waitUntil(timeout: .seconds(10)) { $0.count >= count }
            #expect(consumer.isConnected)
            task.cancel()
            try await task.value
            #expect(!consumer.isConnected)

            #expect(complete)
            let batches = await recorder.batches
            let ids = Set(await recorder.deliveries.compactMap(\.properties.messageId))
            #expect(ids.count == count)
            #expect(batches.contains { $0.count > 1 }, "batch sizes: \(batches.map(\.count))")
            #expect(batches.allSatisfy { $0.count <= 100 })
            #expect(try admin.declareQueue(queue, arguments: TestBroker.quorumArguments()).messageCount == 0)
        }

        @Test func settlesEachDeliveryByItsDisposition() async throws {
            let configuration = try TestBroker.configuration()
            let (dlx, queue, dead) = (TestBroker.uniqueName("dlx"), TestBroker.uniqueName("mixed"), TestBroker.uniqueName("mixed.dead"))
            let admin = try AMQPConnection(configuration: configuration)
            defer {
                try? admin.deleteQueue(queue)
                try? admin.deleteQueue(dead)
                try? admin.deleteExchange(dlx)
                admin.close()
            }
            let arguments = TestBroker.quorumArguments(deadLetterExchange: dlx, deadLetterRoutingKey: dead)
            let setup: @Sendable (AMQPConnection) throws -> Void = { connection in
                try connection.declareExchange(dlx, kind: .direct, durable: false)
                try connection.declareQueue(dead, durable: false)
                try connection.bindQueue(dead, exchange: dlx, routingKey: dead)
                try connection.declareQueue(queue, arguments: arguments)
            }
            try setup(admin)
            try admin.publishConfirmed(["ok", "bad", "later"].map {
                AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array($0.utf8), properties: AMQPProperties(messageId: $0))
            })

            let recorder = Recorder()
            let consumer = AMQPConsumer(configuration: configuration, queue: queue, logger: Logger(label: "test.consumer"), setup: setup)
            let task = Task {
                try await consumer.run(batchWindow: .milliseconds(50)) { batch in
                    await recorder.record(batch)
                    return batch.map { delivery -> AMQPDisposition in
                        switch delivery.properties.messageId {
                        case "bad": .reject
                        case "later" where delivery.deliveryCount == 0: .requeue
                        default: .ack
                        }
                    }
                }
            }
            // "later" comes back once with x-delivery-count 1 and is then acked.
            let complete = await recorder.waitUntil(timeout: .seconds(10)) { deliveries in
                deliveries.contains { $0.properties.messageId == "later" && $0.deliveryCount == 1 }
            }
            task.cancel()
            try await task.value
            #expect(complete)
            let deadLetter = try #require(try TestBroker.eventually { try admin.get(queue: dead) })
            #expect(deadLetter.properties.messageId == "bad")
            #expect(try admin.declareQueue(queue, arguments: arguments).messageCount == 0)
        }
    }
}
