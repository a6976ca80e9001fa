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
/// watch, HTTP.
///
/// Keys beyond `HotlineSettings`: `RATING_TIMEOUT` (ISO 8601, `P3D`: resolved tickets nobody
/// rated are closed onto the follow-up list), `SLA_WATCH_INTERVAL` (ISO 8601, `PT1S`), and the `CasePolicy` keys: `DUPLICATE_WINDOW`
/// (ISO 8601, `PT24H`; `PT0S` turns linking off), `DUPLICATE_RADIUS_M` (100), `CLUSTER_SIZE` (3),
/// `CLUSTER_WINDOW` (ISO 8601, `PT24H`), `DISPATCHER_CONSUMERS` (3 routing consumers), and the
/// `RETENTION_*` periods of `RetentionPolicy` (the scheduled purge).
func buildServiceGroup(settings: HotlineSettings, registry: PrometheusCollectorRegistry) async throws -> ServiceGroup {
    let logger = Logger(label: "dispatcher")
    let infrastructure = try await Infrastructure.start(settings: settings, service: "dispatcher", logger: logger)
    let (pool, jurisdiction, relay) = (infrastructure.pool, infrastructure.jurisdiction, infrastructure.relay)
    let store = CaseStore(timeZone: settings.timeZone)

    // Several routing consumers on one queue: their transactions overlap, so a batch waiting on
    // the database does not hold up the next (rows are locked per ticket, so they never collide).
    let routingConsumers = max(1, try HotlineSettings.int(settings.environment, "DISPATCHER_CONSUMERS", default: 3))
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

    let ratingWindow = try settings.duration("RATING_TIMEOUT", default: "P3D")
    let watch = DeadlineWatch(
        pool: pool, store: store, jurisdiction: jurisdiction, ratingWindow: ratingWindow,
        interval: .milliseconds(Int(try settings.duration("SLA_WATCH_INTERVAL", default: "PT1S") * 1000)), logger: logger
    )

    let retention = Retention(pool: pool, policy: try RetentionPolicy(environment: settings.environment), logger: logger)
    let seal = HistorySeal(
        pool: pool, ledger: HistoryLedger(timeZone: settings.timeZone),
        interval: .milliseconds(Int(try settings.duration("HISTORY_SEAL_INTERVAL", default: "PT1H") * 1000)), logger: logger
    )

    let sampler = infrastructure.sampler()
    let readiness = infrastructure.readiness()
    readiness.add("broker") { eventsQueues.allSatisfy(\.isConnected) && repliesQueue.isConnected }
    let router = Router()
    router.add(middleware: MetricsMiddleware())
    OperationalRoutes(readiness: readiness, registry: registry).add(to: router)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(settings.httpHost, port: settings.dispatcherPort), serverName: "dispatcher"),
        logger: logger
    )
    return ServiceGroup(
        configuration: .init(
            services: [jurisdiction, relay] + routing + [replies, watch, retention, seal, sampler, app],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
    )
}

/// Duplicate linking and cluster alerts, from the environment.
func casePolicy(_ settings: HotlineSettings) throws -> CasePolicy {
    CasePolicy(
        duplicateWindow: try settings.duration("DUPLICATE_WINDOW", default: "PT24H"),
        duplicateRadius: Double(try HotlineSettings.int(settings.environment, "DUPLICATE_RADIUS_M", default: 100)),
        clusterSize: try HotlineSettings.int(settings.environment, "CLUSTER_SIZE", default: 3),
        clusterWindow: try settings.duration("CLUSTER_WINDOW", default: "PT24H")
    )
}
