import CaseStore
import Hummingbird
import Logging
import Outbox
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals
import ServiceSupport

/// Assembles intake: the HTTP API (``buildRouter(_:options:readiness:registry:logger:)``) and
/// its outbox relay, each started once the schema is migrated and the jurisdiction loaded.
func buildServiceGroup(settings: IntakeConfiguration, registry: PrometheusCollectorRegistry) async throws -> ServiceGroup {
    let logger = Logger(label: "intake")
    // A request never hangs on the database: statements and the wait for a connection are
    // bounded, and both answer 503 with Retry-After.
    let infrastructure = try Infrastructure.open(
        settings: settings.common, service: "intake", statementTimeout: settings.statementTimeout, acquireTimeout: settings.acquireTimeout,
        logger: logger
    )
    let (pool, jurisdiction, relay) = (infrastructure.pool, infrastructure.jurisdiction, infrastructure.relay)
    // Statistics, the screen, rankings and reports read from DATABASE_READ_URL (a streaming
    // replica) when set; not part of readiness: a replica's outage costs those pages, not calls.
    let readPool = infrastructure.readPool(
        settings: settings.common, size: settings.readPoolSize,
        statementTimeout: settings.statementTimeout, acquireTimeout: settings.acquireTimeout,
        logger: logger
    )

    // Intake keeps taking tickets while the broker is down (the outbox holds them): only the
    // database decides readiness.
    let sampler = infrastructure.sampler()
    let readiness = Readiness()
    let startup = infrastructure.startup
    readiness.add("startup") { startup.isStarted }
    readiness.add("database") { await pool.ping() }
    var options = IntakeOptions(
        rateLimit: settings.apiRateLimit, clusterSize: settings.clusterSize, timeZone: settings.timeZone,
        documents: try InterfaceDocuments(root: settings.docsRoot)
    )
    options.webAssets = try WebUI.assets(settings: settings, logger: logger)
    let live = LiveEvents(configuration: infrastructure.amqp, logger: logger)
    // Photos: in PostgreSQL unless `ATTACHMENTS_DIR` names a folder (docs/grid.md#photos).
    let attachments: any AttachmentStorage =
        try settings.attachmentsDirectory.map { try DirectoryAttachmentStorage(root: $0) }
        ?? PostgresAttachmentStorage()
    let dependencies = IntakeDependencies.postgres(
        pool: pool, readPool: readPool, store: CaseStore(timeZone: settings.timeZone), jurisdiction: jurisdiction,
        attachments: attachments, live: live
    )
    let router = buildRouter(dependencies, options: options, readiness: readiness, registry: registry, logger: logger)
    // A connection idle this long is closed (slow-loris clients); event streams write a heartbeat every 15 s.
    let app = Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [PeerAddressHandler()], idleTimeout: .seconds(Int64(settings.httpIdleSeconds)))),
        configuration: .init(address: .hostname(settings.httpHost, port: settings.intakePort), serverName: "intake"),
        logger: logger
    )
    return ServiceGroup(
        configuration: .init(
            services: infrastructure.services([jurisdiction, relay, sampler, live, app]), gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
    )
}
