import CaseStore
import Hummingbird
import Logging
import Outbox
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals
import ServiceSupport

/// Assembles intake: the HTTP API and its outbox relay.
func buildServiceGroup(settings: IntakeConfiguration, registry: PrometheusCollectorRegistry) async throws -> ServiceGroup {
    let logger = Logger(label: "intake")
    // A request never hangs on the database: statements and the wait for a connection are
    // bounded, and both answer 503 with Retry-After.
    let infrastructure = try await Infrastructure.start(
        settings: settings.common, service: "intake", statementTimeout: settings.statementTimeout, acquireTimeout: settings.acquireTimeout,
        logger: logger
    )
    let (pool, jurisdiction, relay) = (infrastructure.pool, infrastructure.jurisdiction, infrastructure.relay)
    // Statistics, the screen, rankings and reports read from DATABASE_READ_URL (a streaming
    // replica) when set; not part of readiness: a replica's outage costs those pages, not calls.
    let reads = ReadDatabase(
        pool: infrastructure.readPool(
            settings: settings.common, size: settings.readPoolSize,
            statementTimeout: settings.statementTimeout, acquireTimeout: settings.acquireTimeout,
            logger: logger
        ),
        logger: logger
    )

    // Intake keeps taking tickets while the broker is down (the outbox holds them): only the
    // database decides readiness.
    let sampler = infrastructure.sampler()
    let readiness = Readiness()
    readiness.add("database") { await pool.ping() }
    let router = Router()
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware(logger: logger))
    router.add(middleware: NoStoreMiddleware())
    let keys = APIKeys(pool: pool)
    router.add(middleware: RateLimitMiddleware(perMinute: settings.apiRateLimit, keys: keys))
    OperationalRoutes(readiness: readiness, registry: registry).add(to: router)
    try InterfaceDocuments(root: settings.docsRoot).add(to: router)
    let store = CaseStore(timeZone: settings.timeZone)
    let tickets = TicketsController(
        pool: pool, store: store, jurisdiction: jurisdiction, auth: Authenticator(keys: keys),
        groupCommit: GroupCommit(pool: pool, store: store), logger: logger
    )
    tickets.add(to: router)
    TasksController(tickets: tickets).add(to: router)
    VolunteersController(
        auth: tickets.auth, jurisdiction: tickets.jurisdiction, volunteers: PostgresVolunteerRepository(pool: pool, store: store)
    ).add(to: router)
    SupervisionController(tickets: tickets).add(to: router)
    RankingsController(tickets: tickets, reads: reads).add(to: router)
    ReportsController(tickets: tickets, reads: reads).add(to: router)
    TopicsController(auth: tickets.auth, topics: PostgresTopicRepository(pool: pool, timeZone: settings.timeZone), jurisdiction: jurisdiction, timeZone: settings.timeZone)
        .add(to: router)
    RatingVerificationController(auth: tickets.auth, pool: pool, store: store).add(to: router)
    SummonController(tickets: tickets).add(to: router)
    // Photos: in PostgreSQL unless `ATTACHMENTS_DIR` names a folder (docs/grid.md#photos).
    let attachments: any AttachmentStorage =
        try settings.attachmentsDirectory.map { try DirectoryAttachmentStorage(root: $0) }
        ?? PostgresAttachmentStorage()
    AttachmentsController(tickets: tickets, storage: attachments).add(to: router)
    StatsController(tickets: tickets, reads: reads).add(to: router)
    KnowledgeController(tickets: tickets, store: KnowledgeStore(timeZone: settings.timeZone), search: KnowledgeSearch()).add(to: router)
    WhatIfController(tickets: tickets, timeZone: settings.timeZone).add(to: router)
    Open311Controller(tickets: tickets, attachments: attachments).add(to: router)
    BroadcastsController(tickets: tickets).add(to: router)
    GridBroadcastsController(auth: tickets.auth, pool: pool, jurisdiction: jurisdiction).add(to: router)
    HouseholdsController(tickets: tickets, households: HouseholdStore(timeZone: settings.timeZone), reads: reads).add(to: router)
    // The web UI (docs/web-ui.md): console and big screen, on the same API and keys.
    let live = LiveEvents(configuration: infrastructure.amqp, logger: logger)
    try WebUI.add(to: router, tickets: tickets, reads: reads, live: live, settings: settings, logger: logger)
    KeysController(tickets: tickets, live: live).add(to: router)
    // A connection idle this long is closed (slow-loris clients); event streams write a heartbeat every 15 s.
    let app = Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [PeerAddressHandler()], idleTimeout: .seconds(Int64(settings.httpIdleSeconds)))),
        configuration: .init(address: .hostname(settings.httpHost, port: settings.intakePort), serverName: "intake"),
        logger: logger
    )
    return ServiceGroup(
        configuration: .init(services: [jurisdiction, relay, sampler, live, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    )
}
