import AMQP
import CaseStore
import Hummingbird
import Logging
import Outbox
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals
import ServiceSupport

/// Assembles the dispatcher: jurisdiction cache, outbox relay, the two consumers, the SLA
/// watch, HTTP, each started once the schema is migrated and the jurisdiction loaded (the
/// group's first service, ``Infrastructure/startup``).
///
/// Its keys, with type, default and meaning: `DispatcherConfiguration`.
func buildServiceGroup(settings: DispatcherConfiguration, registry: PrometheusCollectorRegistry) async throws -> ServiceGroup {
    let logger = Logger(label: "dispatcher")
    let infrastructure = try Infrastructure.open(settings: settings.common, service: "dispatcher", logger: logger)
    let (pool, jurisdiction, relay) = (infrastructure.pool, infrastructure.jurisdiction, infrastructure.relay)
    let store = CaseStore(timeZone: settings.timeZone)

    // Several routing consumers on one queue: their transactions overlap, so a batch waiting on
    // the database does not hold up the next (rows are locked per ticket, so they never collide).
    let routingConsumers = settings.consumers
    let eventsQueues = (0..<routingConsumers).map { _ in
        AMQPConsumer(
            configuration: infrastructure.amqp, queue: Topology.dispatcherEvents.name, prefetch: UInt16(settings.prefetch),
            logger: logger
        ) { try Topology.declare(Topology.dispatcherEvents, on: $0) }
    }
    let repliesQueue = AMQPConsumer(
        configuration: infrastructure.amqp, queue: Topology.dispatcherReplies.name, prefetch: UInt16(settings.prefetch),
        logger: logger
    ) { try Topology.declare(Topology.dispatcherReplies, on: $0) }
    let routingHandler = RoutingHandler(store: store, jurisdiction: jurisdiction, policy: try casePolicy(settings), logger: logger)
    let routing = eventsQueues.map { queue in
        InboxConsumer(
            consumer: queue, pool: pool, deadLetters: infrastructure.publisher, queue: Topology.dispatcherEvents.name,
            handler: routingHandler, logger: logger
        )
    }
    let replies = InboxConsumer(
        consumer: repliesQueue, pool: pool, deadLetters: infrastructure.publisher, queue: Topology.dispatcherReplies.name,
        handler: ReplyHandler(store: store, jurisdiction: jurisdiction, logger: logger), logger: logger
    )

    let ratingWindow = settings.ratingTimeout
    let watch = DeadlineWatch(
        pool: pool, store: store, jurisdiction: jurisdiction, ratingWindow: ratingWindow,
        interval: .milliseconds(Int(settings.slaWatchInterval * 1000)), logger: logger
    )

    let retention = Retention(store: PostgresRetentionStore(pool: pool), policy: RetentionPolicy(periods: settings.retention), logger: logger)
    let seal = HistorySeal(
        pool: pool, ledger: HistoryLedger(timeZone: settings.timeZone),
        interval: .milliseconds(Int(settings.historySealInterval * 1000)), logger: logger
    )

    let sampler = infrastructure.sampler()
    let readiness = infrastructure.readiness()
    readiness.add("broker") { eventsQueues.allSatisfy(\.isConnected) && repliesQueue.isConnected }
    let app = Application(
        router: buildRouter(readiness: readiness, registry: registry),
        configuration: .init(address: .hostname(settings.httpHost, port: settings.dispatcherPort), serverName: "dispatcher"),
        logger: logger
    )
    return ServiceGroup(
        configuration: .init(
            services: infrastructure.services([jurisdiction, relay] + routing + [replies, watch, retention, seal, sampler, app]),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
    )
}

/// Duplicate linking and cluster alerts, from the configuration.
func casePolicy(_ settings: DispatcherConfiguration) throws -> CasePolicy {
    CasePolicy(
        duplicateWindow: settings.duplicateWindow, duplicateRadius: Double(settings.duplicateRadius), clusterSize: settings.clusterSize,
        clusterWindow: settings.clusterWindow
    )
}
