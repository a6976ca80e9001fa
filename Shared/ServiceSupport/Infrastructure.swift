import AMQP
import CaseStore
import Logging
import Outbox
import Postgres
import ServiceLifecycle

/// What every service opens before it does its own work: the database pool, a confirmed
/// publisher that declares the exchanges after each connect, the jurisdiction in memory, the
/// outbox relay that publishes what the service writes, and the ``Startup`` that migrates the
/// schema and loads the jurisdiction inside the service group (``services(_:)``).
public struct Infrastructure: Sendable {
    /// The service's connection pool.
    public let pool: PostgresPool
    /// Broker settings.
    public let amqp: AMQPConfiguration
    /// Confirmed publisher (outbox relay, dead letters).
    public let publisher: AMQPPublisher
    /// The current jurisdiction.
    public let jurisdiction: JurisdictionCache
    /// The outbox relay (run it as one of the service's services).
    public let relay: OutboxRelay
    /// Migrates the schema and loads the jurisdiction: the first service of the group.
    public let startup: Startup

    /// Opens everything for `service`, without I/O: the schema is migrated and the jurisdiction
    /// loaded by ``startup`` when the group runs, failing the start when either cannot be done.
    /// `statementTimeout` bounds every statement of the pool's sessions (PostgreSQL's
    /// `statement_timeout`; migrations lift it); `acquireTimeout` bounds the wait for a free
    /// connection (``PostgresPoolTimeout``).
    public static func open(
        settings: HotlineSettings, service: String, statementTimeout: Duration? = nil, acquireTimeout: Duration? = nil,
        logger: Logger
    ) throws -> Infrastructure {
        let url = Self.url(settings.databaseURL, statementTimeout: statementTimeout)
        let pool = PostgresPool(url: url, size: settings.poolSize, acquireTimeout: acquireTimeout, preparing: settings.preparing, logger: logger)
        let amqp = try AMQPConfiguration(url: settings.amqpURL, connectionName: service)
        let publisher = AMQPPublisher(configuration: amqp, logger: logger) { try Topology.declareExchanges(on: $0) }
        let jurisdiction = JurisdictionCache(pool: pool, databaseURL: settings.databaseURL, timeZone: settings.timeZone, logger: logger)
        let startup = Startup(service: service, logger: logger) {
            _ = try await Migrator.migrate(pool, Schema.migrations, logger: logger)
            _ = try await jurisdiction.snapshot()
        }
        let relay = OutboxRelay(
            pool: pool, publisher: publisher,
            wakeUps: WakeUps(databaseURL: settings.databaseURL, channel: "outbox", pollInterval: .seconds(1), logger: logger),
            logger: logger, leaderURL: settings.databaseURL
        )
        return Infrastructure(pool: pool, amqp: amqp, publisher: publisher, jurisdiction: jurisdiction, relay: relay, startup: startup)
    }

    /// The services of the group in their order: ``startup`` first, then each of `services`
    /// once it is done (``AfterStartup``).
    public func services(_ services: [any Service]) -> [any Service] {
        [self.startup] + services.map { AfterStartup($0, after: self.startup) }
    }

    /// A readiness registry checking the start-up and the database; services add their broker consumers (the
    /// publisher connects lazily, so it says nothing about the broker while idle).
    public func readiness() -> Readiness {
        let readiness = Readiness()
        let (pool, startup) = (self.pool, self.startup)
        readiness.add("startup") { startup.isStarted }
        readiness.add("database") { await pool.ping() }
        return readiness
    }

    /// Gauges of the pool and the outbox backlog, sampled every few seconds.
    public func sampler() -> PeriodicSampler {
        let relay = self.relay
        return PeriodicSampler(samples: [PeriodicSampler.pool(self.pool), { await relay.sampleBacklog() }])
    }
}
