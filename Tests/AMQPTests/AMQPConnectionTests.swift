import AMQP
import Foundation
import Testing

extension AMQPIntegration {
    @Suite struct AMQPConnectionTests {
        @Test func takesTheNextBrokerWhenOneIsDown() throws {
            // A port nothing listens on, below the ephemeral range: refused at once.
            let down = "amqp://guest:guest@127.0.0.1:1/%2f"
            let config = try AMQPConfiguration(url: down + "," + (try TestBroker.url()), connectionName: "amqp-tests")
            let connection = try AMQPConnection(configuration: config)
            defer { connection.close() }
            #expect(connection.brokerIndex == 1)
            #expect(connection.isOpen)
            let again = try AMQPConnection(configuration: config, firstBroker: 1)
            defer { again.close() }
            #expect(again.brokerIndex == 1)

            let none = try AMQPConfiguration(url: down + "," + down.replacingOccurrences(of: ":1/", with: ":2/"))
            #expect {
                try AMQPConnection(configuration: none)
            } throws: { error in
                let error = error as? AMQPError
                return error?.isConnectionError == true && error?.message.contains("none of 2 brokers") == true
            }
        }

        @Test func publishesTenThousandConfirmedMessagesIntoAQuorumQueue() throws {
            let connection = try TestBroker.connect()
            defer { connection.close() }
            let queue = TestBroker.uniqueName("bulk")
            try connection.declareQueue(queue, arguments: TestBroker.quorumArguments())
            defer { try? connection.deleteQueue(queue) }

            let count = 10_000
            let messages = (0..<count).map { index in
                AMQPOutgoingMessage(
                    exchange: "", routingKey: queue,
                    body: Array(#"{"id":"\#(index)","type":"ticket.received","data":{"n":\#(index)}}"#.utf8),
                    properties: AMQPProperties(
                        messageId: "m-\(index)", type: "ticket.received", contentType: "application/json",
                        headers: ["x-test-index": .long(Int64(index))]
                    )
                )
            }
            let started = ContinuousClock.now
            try connection.publishConfirmed(messages, maxInFlight: 256)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("publishConfirmed: \(count) persistent messages into a quorum queue in \(elapsed): \(Int(Double(count) / seconds)) messages/s")

            #expect(try connection.declareQueue(queue, arguments: TestBroker.quorumArguments()).messageCount == UInt32(count))

            try connection.setPrefetch(1000)
            let tag = try connection.consume(queue: queue)
            var seen = Set<String>()
            var (lastTag, lastAcked): (UInt64, UInt64) = (0, 0)
            while seen.count < count, let delivery = try connection.nextDelivery(timeout: .seconds(5)) {
                #expect(delivery.properties.persistent)
                #expect(delivery.properties.type == "ticket.received")
                seen.insert(delivery.properties.messageId ?? "")
                lastTag = delivery.deliveryTag
                if seen.count % 500 == 0 {
                    try connection.ack(lastTag, multiple: true)
                    lastAcked = lastTag
                }
            }
            if lastTag > lastAcked { try connection.ack(lastTag, multiple: true) }
            try connection.cancel(consumerTag: tag)
            #expect(seen.count == count)
            #expect(seen.contains("m-0") && seen.contains("m-\(count - 1)"))
        }

        @Test func unroutableMandatoryMessageFailsWithItsIndex() throws {
            let connection = try TestBroker.connect()
            defer { connection.close() }
            let exchange = TestBroker.uniqueName("routes")
            let queue = TestBroker.uniqueName("routed")
            try connection.declareExchange(exchange, kind: .direct, durable: false)
            defer { try? connection.deleteExchange(exchange) }
            try connection.declareQueue(queue, durable: false, autoDelete: true)
            defer { try? connection.deleteQueue(queue) }
            try connection.bindQueue(queue, exchange: exchange, routingKey: "bound")

            let messages = ["bound", "unbound", "bound"].enumerated().map { index, key in
                AMQPOutgoingMessage(exchange: exchange, routingKey: key, body: [UInt8(index)], properties: AMQPProperties(messageId: "id-\(index)"))
            }
            let error = #expect(throws: AMQPError.self) { try connection.publishConfirmed(messages) }
            #expect(error?.failedIndices == [1])
            #expect(error?.replyCode == 312)
            #expect(error?.isConnectionError == false)

            // The connection stays usable and the routable ones arrived.
            try connection.publishConfirmed([messages[0]])
            #expect(try connection.declareQueue(queue, durable: false, autoDelete: true).messageCount == 3)
        }

        @Test func publishingToAMissingExchangeIsAChannelErrorAndTheConnectionRecovers() throws {
            let connection = try TestBroker.connect()
            defer { connection.close() }
            let missing = TestBroker.uniqueName("missing")
            let error = #expect(throws: AMQPError.self) {
                try connection.publishConfirmed([AMQPOutgoingMessage(exchange: missing, routingKey: "x", body: [1])])
            }
            #expect(error?.replyCode == 404)
            #expect(error?.failedIndices == [0])
            #expect(connection.isOpen)
            let queue = TestBroker.uniqueName("after404")
            try connection.declareQueue(queue, durable: false, autoDelete: true)
            try connection.publishConfirmed([AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [2])])
            #expect(try connection.get(queue: queue)?.body == [2])
            try connection.deleteQueue(queue)
        }

        @Test func fieldTablesRoundTrip() throws {
            let connection = try TestBroker.connect()
            defer { connection.close() }
            let queue = TestBroker.uniqueName("headers")
            try connection.declareQueue(queue, durable: false, autoDelete: true)
            defer { try? connection.deleteQueue(queue) }

            let headers: AMQPTable = [
                "string": "héllo 工单",
                "empty": "",
                "int": .int(-42),
                "long": .long(9_007_199_254_740_993),
                "true": true,
                "false": .bool(false),
                "double": .double(3.25),
                "void": .void,
                "array": .array([.int(1), "two", .array([.long(3)]), .table(["k": "v"])]),
                "table": .table(["nested": .table(["deep": .long(-1)]), "list": .array([])]),
            ]
            let timestamp = Date(timeIntervalSince1970: 1_700_000_000)
            let properties = AMQPProperties(
                messageId: "mid", type: "ticket.assigned", contentType: "application/json",
                correlationId: "corr", persistent: false, headers: headers, timestamp: timestamp
            )
            try connection.publishConfirmed([AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("{}".utf8), properties: properties)])
            let delivery = try #require(try TestBroker.eventually { try connection.get(queue: queue) })
            try connection.ack(delivery.deliveryTag)
            #expect(delivery.properties.headers == headers)
            #expect(delivery.properties.messageId == "mid")
            #expect(delivery.properties.type == "ticket.assigned")
            #expect(delivery.properties.contentType == "application/json")
            #expect(delivery.properties.correlationId == "corr")
            #expect(delivery.properties.persistent == false)
            #expect(delivery.properties.timestamp == timestamp)
            #expect(delivery.body == Array("{}".utf8))
            #expect(delivery.routingKey == queue)
            #expect(delivery.deliveryCount == 0)
            #expect(try connection.get(queue: queue) == nil)
        }

        @Test func rejectedMessageIsDeadLettered() throws {
            let connection = try TestBroker.connect()
            defer { connection.close() }
            let (dlx, queue, dead) = (TestBroker.uniqueName("dlx"), TestBroker.uniqueName("work"), TestBroker.uniqueName("work.dead"))
            try connection.declareExchange(dlx, kind: .direct, durable: false)
            defer { try? connection.deleteExchange(dlx) }
            try connection.declareQueue(dead, durable: false, autoDelete: false)
            defer { try? connection.deleteQueue(dead) }
            try connection.bindQueue(dead, exchange: dlx, routingKey: dead)
            try connection.declareQueue(queue, arguments: TestBroker.quorumArguments(deadLetterExchange: dlx, deadLetterRoutingKey: dead))
            defer { try? connection.deleteQueue(queue) }

            try connection.publishConfirmed([AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("bad".utf8), properties: AMQPProperties(messageId: "r1"))])
            let delivery = try #require(try TestBroker.eventually { try connection.get(queue: queue) })
            try connection.reject(delivery.deliveryTag, requeue: false)

            let deadLetter = try #require(try TestBroker.eventually { try connection.get(queue: dead) })
            try connection.ack(deadLetter.deliveryTag)
            #expect(deadLetter.properties.messageId == "r1")
            #expect(deadLetter.body == Array("bad".utf8))
            #expect(deadLetter.properties.headers["x-first-death-reason"] == "rejected")
            #expect(deadLetter.properties.headers["x-first-death-queue"] == .string(queue))
        }

        @Test func requeuedPastTheDeliveryLimitIsDeadLettered() throws {
            let connection = try TestBroker.connect()
            defer { connection.close() }
            let (dlx, queue, dead) = (TestBroker.uniqueName("dlx"), TestBroker.uniqueName("retry"), TestBroker.uniqueName("retry.dead"))
            try connection.declareExchange(dlx, kind: .direct, durable: false)
            defer { try? connection.deleteExchange(dlx) }
            try connection.declareQueue(dead, durable: false)
            defer { try? connection.deleteQueue(dead) }
            try connection.bindQueue(dead, exchange: dlx, routingKey: dead)
            let limit = 2
            try connection.declareQueue(queue, arguments: TestBroker.quorumArguments(deadLetterExchange: dlx, deadLetterRoutingKey: dead, deliveryLimit: Int64(limit)))
            defer { try? connection.deleteQueue(queue) }

            try connection.publishConfirmed([AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [7], properties: AMQPProperties(messageId: "poison"))])
            var counts: [Int] = []
            while let delivery = try TestBroker.eventually(timeout: .seconds(2), { try connection.get(queue: queue) }) {
                counts.append(delivery.deliveryCount)
                try connection.nack(delivery.deliveryTag, requeue: true)
            }
            #expect(counts == Array(0...limit))
            let deadLetter = try #require(try TestBroker.eventually { try connection.get(queue: dead) })
            try connection.ack(deadLetter.deliveryTag)
            #expect(deadLetter.properties.messageId == "poison")
            #expect(deadLetter.properties.headers["x-first-death-reason"] == "delivery_limit")
        }
    }
}
