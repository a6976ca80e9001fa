import CaseStore
import Hummingbird
import Logging
import Prometheus
import ServiceSupport

/// Intake's routes on `dependencies`: pure, so router tests call it with the in-memory twins.
func buildRouter(
    _ dependencies: IntakeDependencies, options: IntakeOptions, readiness: Readiness, registry: PrometheusCollectorRegistry, logger: Logger
) -> Router<BasicRequestContext> {
    let d = dependencies
    let keys = APIKeys(d.keys)
    let auth = Authenticator(keys: keys)
    let router = Router()
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware(logger: logger))
    router.add(middleware: NoStoreMiddleware())
    router.add(middleware: RateLimitMiddleware(perMinute: options.rateLimit, keys: keys))
    OperationalRoutes(readiness: readiness, registry: registry).add(to: router)
    options.documents?.add(to: router)
    TicketsController(auth: auth, tickets: d.tickets, answers: d.answers, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    TasksController(auth: auth, tasks: d.tasks, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    VolunteersController(auth: auth, jurisdiction: d.jurisdiction, volunteers: d.volunteers).add(to: router)
    SupervisionController(auth: auth, supervision: d.supervision, timeZone: options.timeZone).add(to: router)
    RankingsController(auth: auth, jurisdiction: d.jurisdiction, statistics: d.statistics).add(to: router)
    ReportsController(auth: auth, jurisdiction: d.jurisdiction, statistics: d.statistics, timeZone: options.timeZone).add(to: router)
    TopicsController(auth: auth, topics: d.topics, jurisdiction: d.jurisdiction, timeZone: options.timeZone).add(to: router)
    RatingVerificationController(auth: auth, supervision: d.supervision).add(to: router)
    SummonController(auth: auth, summons: d.summons, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    AttachmentsController(auth: auth, attachments: d.photos, logger: logger).add(to: router)
    StatsController(auth: auth, jurisdiction: d.jurisdiction, statistics: d.statistics, timeZone: options.timeZone).add(to: router)
    KnowledgeController(auth: auth, knowledge: d.knowledge, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    WhatIfController(auth: auth, replay: d.replay).add(to: router)
    Open311Controller(auth: auth, tickets: d.tickets, requests: d.open311, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    BroadcastsController(auth: auth, broadcasts: d.broadcasts, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    GridBroadcastsController(auth: auth, broadcasts: d.broadcasts, jurisdiction: d.jurisdiction, logger: logger).add(to: router)
    HouseholdsController(
        auth: auth, households: d.households, jurisdiction: d.jurisdiction, timeZone: options.timeZone, statistics: d.statistics
    ).add(to: router)
    // The web UI (docs/web-ui.md): console and big screen, on the same API and keys.
    WebUI.add(to: router, auth: auth, dependencies: d, options: options)
    KeysController(auth: auth, jurisdiction: d.jurisdiction, live: d.live, logger: logger).add(to: router)
    return router
}
