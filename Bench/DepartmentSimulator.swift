import AMQP
import Foundation
import Logging
import Outbox

/// Plays every department: consumes `tasks.<code>`, timestamps each task, and answers the
/// lead's tasks with accept then resolve on `hotline.replies`.
struct DepartmentSimulator: Sendable {
    let configuration: AMQPConfiguration
    let departments: [String]
    let recorder: Recorder
    let logger: Logger

    func run() async {
        let publisher = AMQPPublisher(configuration: self.configuration, logger: self.logger)
        // Replies go out from their own task, so answering never delays taking the next tasks
        // (which would make the queue look slower than it is).
        let (replies, outbox) = AsyncStream.makeStream(of: ([AMQPOutgoingMessage], [String]).self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var batch: [AMQPOutgoingMessage] = []
                var numbers: [String] = []
                for await (messages, resolved) in replies {
                    batch += messages
                    numbers += resolved
                    do {
                        try await publisher.publish(batch)
                        let sent = BenchClock.now()
                        for number in numbers { self.recorder.resolveSent(number: number, at: sent) }
                    } catch {
                        self.logger.warning("replies not published", metadata: ["error": "\(error)"])
                    }
                    batch.removeAll(keepingCapacity: true)
                    numbers.removeAll(keepingCapacity: true)
                }
            }
            for code in self.departments {
                group.addTask {
                    let consumer = AMQPConsumer(
                        configuration: self.configuration, queue: "tasks.\(code)", prefetch: 500, logger: self.logger
                    ) { try Topology.declareTaskQueue(department: code, on: $0) }
                    try? await consumer.run(maxBatch: 200) { deliveries in
                        self.handle(deliveries, department: code, replies: outbox)
                    }
                }
            }
        }
        outbox.finish()
        await publisher.shutdown()
    }

    private func handle(
        _ deliveries: [AMQPDelivery], department: String, replies: AsyncStream<([AMQPOutgoingMessage], [String])>.Continuation
    ) -> [AMQPDisposition] {
        let now = BenchClock.now()
        var messages: [AMQPOutgoingMessage] = []
        var resolved: [String] = []
        for delivery in deliveries {
            guard let task = try? JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any],
                let number = task["number"] as? String, let id = task["ticketId"] as? String
            else { continue }
            self.recorder.taskArrived(number: number, at: now)
            guard task["role"] as? String == "lead" else { continue }
            for action in ["accept", "resolve"] {
                let body = try! JSONSerialization.data(withJSONObject: [
                    "ticketId": id, "department": department, "action": action, "note": action == "resolve" ? "压测：已处理完毕" : "压测：已接单",
                ])
                messages.append(
                    AMQPOutgoingMessage(
                        exchange: Topology.repliesExchange, routingKey: action, body: Array(body),
                        properties: AMQPProperties(messageId: UUID().uuidString, type: "reply", contentType: "application/json", persistent: true)
                    )
                )
            }
            resolved.append(number)
        }
        if !messages.isEmpty { replies.yield((messages, resolved)) }
        return deliveries.map { _ in .ack }
    }
}
