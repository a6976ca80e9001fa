import AMQP
import Foundation
import HotlineDomain
import Logging
import Postgres

/// The infrastructure's own limits on this machine, measured with no application logic:
/// small two-insert transactions over 32 connections, and confirmed persistent publishes
/// into a quorum queue with 256 in flight.
enum Ceiling {
    static func postgresCommitsPerSecond(url: String, seconds: Double, logger: Logger) async throws -> Double {
        let pool = PostgresPool(url: url, size: 32, logger: logger)
        try await pool.withConnection { try $0.execute("CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, body text, at timestamptz DEFAULT now())") }
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var n = 0
                    while ContinuousClock.now < end {
                        do {
                            try await pool.transaction { connection in
                                try connection.query("INSERT INTO bench_ceiling (body) VALUES ($1)", ["ticket"])
                                try connection.query("INSERT INTO bench_ceiling (body) VALUES ($1)", ["event"])
                            }
                            n += 1
                        } catch {}
                    }
                    return n
                }
            }
            return await group.reduce(0, +)
        }
        try await pool.withConnection { try $0.execute("DROP TABLE bench_ceiling") }
        await pool.shutdown()
        return Double(counts) / seconds
    }

    static func amqpPublishesPerSecond(configuration: AMQPConfiguration, messages: Int) throws -> Double {
        let connection = try AMQPConnection(configuration: configuration)
        defer { connection.close() }
        let queue = "bench.ceiling.\(UUID().uuidString.prefix(8))"
        try connection.declareQueue(queue, arguments: ["x-queue-type": .string("quorum")])
        defer { try? connection.deleteQueue(queue) }
        let batch = (0..<messages).map { i in
            AMQPOutgoingMessage(
                exchange: "", routingKey: queue, body: Array("{\"n\":\(i),\"type\":\"ticket.received\"}".utf8),
                properties: AMQPProperties(messageId: UUID().uuidString, type: EventType.ticketReceived.rawValue, contentType: "application/json", persistent: true)
            )
        }
        let start = ContinuousClock.now
        try connection.publishConfirmed(batch, maxInFlight: 256, timeout: .seconds(30))
        let elapsed = ContinuousClock.now - start
        return Double(messages) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
