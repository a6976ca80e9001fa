import AMQP
import ArgumentParser
import Foundation
import Outbox
import ServiceSupport

extension Dispatcher {
    /// `dispatcher dead-letters list|replay [queue]`: what died, why, and sending it back.
    struct DeadLetters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dead-letters", abstract: "Inspect and replay dead-lettered messages.", subcommands: [List.self, Replay.self]
        )

        static let queues = [Topology.dispatcherEvents.name, Topology.dispatcherReplies.name, Topology.notifierEvents.name]

        struct Options: ParsableArguments {
            @Argument(help: "A consumed queue (dispatcher.events, dispatcher.replies, notifier.events, tasks.<dept>); all three service queues when omitted.")
            var queue: String?

            var queues: [String] { self.queue.map { [$0] } ?? DeadLetters.queues }
        }

        /// Where a dead letter came from: our own header, or the broker's x-death record.
        static func origin(_ delivery: AMQPDelivery, queue: String) -> (reason: String, exchange: String, routingKey: String) {
            let headers = delivery.properties.headers
            if case .string(let reason)? = headers["x-hotline-reason"] {
                let key = headers["x-hotline-routing-key"]?.stringValue ?? delivery.routingKey
                let exchange = queue == Topology.dispatcherReplies.name ? Topology.repliesExchange
                    : queue.hasPrefix("tasks.") ? Topology.tasksExchange : Topology.eventsExchange
                return (reason, exchange, key)
            }
            if case .array(let deaths)? = headers["x-death"], case .table(let first)? = deaths.first {
                let reason = first["reason"]?.stringValue ?? "unknown"
                let exchange = first["exchange"]?.stringValue ?? ""
                var key = delivery.routingKey
                if case .array(let keys)? = first["routing-keys"], let k = keys.first?.stringValue { key = k }
                return (reason == "delivery_limit" ? "delivery limit reached (kept failing)" : reason, exchange, key)
            }
            return ("unknown", "", delivery.routingKey)
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List dead letters without removing them.")
            @OptionGroup var options: Options

            func run() async throws {
                let connection = try AMQPConnection(configuration: try AMQPConfiguration(url: try HotlineSettings().amqpURL))
                defer { connection.close() }
                for queue in self.options.queues {
                    var last: UInt64?
                    var count = 0
                    while let delivery = try connection.get(queue: queue + ".dead") {
                        let (reason, exchange, key) = DeadLetters.origin(delivery, queue: queue)
                        print("\(queue).dead\t\(delivery.properties.messageId ?? "-")\t\(exchange)/\(key)\t\(reason)")
                        last = delivery.deliveryTag
                        count += 1
                    }
                    if let last { try connection.nack(last, multiple: true, requeue: true) }
                    print("\(queue).dead: \(count) message(s)")
                }
            }
        }

        struct Replay: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Publish dead letters back to where they came from (same message id), then remove them."
            )
            @OptionGroup var options: Options

            func run() async throws {
                let connection = try AMQPConnection(configuration: try AMQPConfiguration(url: try HotlineSettings().amqpURL))
                defer { connection.close() }
                for queue in self.options.queues {
                    var replayed = 0
                    while let delivery = try connection.get(queue: queue + ".dead") {
                        let (_, exchange, key) = DeadLetters.origin(delivery, queue: queue)
                        var properties = delivery.properties
                        // The broker refuses a user id that is not this connection's user; a
                        // reply from a department bound to a broker user is then refused again.
                        properties.userId = nil
                        for header in ["x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason", "x-hotline-reason"] {
                            properties.headers[header] = nil
                        }
                        // Consumers skip ids they have applied, so replaying twice is harmless.
                        try connection.publishConfirmed([
                            AMQPOutgoingMessage(exchange: exchange, routingKey: key, body: delivery.body, properties: properties, mandatory: false)
                        ])
                        try connection.ack(delivery.deliveryTag)
                        replayed += 1
                    }
                    print("\(queue).dead: replayed \(replayed) message(s)")
                }
            }
        }
    }
}
