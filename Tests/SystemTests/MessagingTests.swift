import AMQP
import Foundation
import Postgres
import Logging
import Testing

/// Idempotent consumers and dead letters, on the real broker.
@Suite struct MessagingTests {
    /// Republishing a ticket's `ticket.received` (same message_id) twice changes nothing:
    /// one routing, one receipt.
    @Test func redeliveredEventHasOneEffect() async throws {
        let stack = try Stack.load()
        let (_, created) = try await stack.createTicket(demoTicket())
        let id = try #require(created["id"] as? String)
        let number = try #require(created["number"] as? String)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        _ = try await stack.waitForSMS { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "receipt" }

        let pool = PostgresPool(url: stack["DATABASE_URL"], size: 1, logger: Logger(label: "test"))
        let row = try await pool.withConnection { connection in
            try connection.query(
                "SELECT event_id::text AS id, body FROM outbox WHERE ticket_id = $1::uuid AND message_type = 'ticket.received'", [id]
            )[0]
        }
        let eventId = try row.decode("id", as: String.self)
        let body = Array(try row.decode("body", as: String.self).utf8)
        let connection = try stack.amqp()
        defer { connection.close() }
        let copy = AMQPOutgoingMessage(
            exchange: "hotline.events", routingKey: "ticket.received", body: body,
            properties: AMQPProperties(messageId: eventId, type: "ticket.received", contentType: "application/json", persistent: true)
        )
        try connection.publishConfirmed([copy, copy])
        try await Task.sleep(for: .seconds(2))

        let ticket = try await stack.ticket(id)
        let types = (ticket["history"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
        #expect(types.filter { $0 == "ticket.assigned" }.count == 1)
        let receipts = stack.smsSink().filter { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "receipt" }
        #expect(receipts.count == 1)
        await pool.shutdown()
    }

    /// A message that is not JSON ends in each consuming queue's `.dead` queue with its reason.
    @Test func malformedMessageIsDeadLettered() async throws {
        let stack = try Stack.load()
        let connection = try stack.amqp()
        defer { connection.close() }
        let id = UUID().uuidString.lowercased()
        try stack.publish(exchange: "hotline.events", routingKey: "ticket.received", body: Array("{not json".utf8), messageId: id, type: "ticket.received")
        for queue in ["dispatcher.events.dead", "notifier.events.dead"] {
            var reason: String?
            for _ in 0..<100 where reason == nil {
                while let delivery = try connection.get(queue: queue) {
                    if delivery.properties.messageId == id {
                        if case .string(let text)? = delivery.properties.headers["x-hotline-reason"] { reason = text }
                        try connection.ack(delivery.deliveryTag)
                        break
                    }
                    try connection.reject(delivery.deliveryTag, requeue: true)
                    break
                }
                if reason == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(reason?.contains("not a valid event envelope") == true, "dead letter with reason in \(queue)")
        }
        // The consumers keep going.
        let (status, created) = try await stack.createTicket(demoTicket())
        #expect(status == 201)
        let ticket = try await stack.waitForTicket(created["id"] as? String ?? "") { $0["status"] as? String == "assigned" }
        #expect(ticket["status"] as? String == "assigned")
    }
}
