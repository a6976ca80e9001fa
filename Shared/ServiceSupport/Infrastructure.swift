import AMQP
import Logging
import Postgres

/// The connections every service opens: a database pool and a confirmed publisher that
/// declares the exchanges after each connect.
public struct Infrastructure: Sendable {
    /// The service's connection pool.
    public let pool: PostgresPool
    /// Broker settings.
    public let amqp: AMQPConfiguration
    /// Confirmed publisher (outbox relay, dead letters).
    public let publisher: AMQPPublisher

    /// Opens (lazily) the pool and the publisher; `declare` runs on every broker (re)connect.
    public init(
        settings: HotlineSettings, service: String, logger: Logger,
        declare: @escaping @Sendable (AMQPConnection) throws -> Void
    ) throws {
        self.pool = PostgresPool(url: settings.databaseURL, size: settings.poolSize, logger: logger)
        self.amqp = try AMQPConfiguration(url: settings.amqpURL, connectionName: service)
        self.publisher = AMQPPublisher(configuration: self.amqp, logger: logger, setup: declare)
    }

    /// A readiness registry checking the database; services add their broker consumers (the
    /// publisher connects lazily, so it says nothing about the broker while idle).
    public func readiness() -> Readiness {
        let readiness = Readiness()
        let pool = self.pool
        readiness.add("database") { await pool.ping() }
        return readiness
    }
}
