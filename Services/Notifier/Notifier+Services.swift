import AMQP
import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging
import Outbox
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals
import ServiceSupport

/// Assembles the notifier.
///
/// Keys beyond `HotlineSettings`: `SMS_GATEWAY_URL` (unset: file sink), `SMS_GATEWAY_SECRET`
/// (signs both directions; at least 32 bytes, see `GatewaySecret`), `SMS_SINK_FILE` (`.run/sms.jsonl`),
/// `QUIET_HOURS` (`22:00-07:00`, unset/`off`: none), `SMS_RATE_PER_HOUR` (int, 10; `0`: no
/// limit), `SMS_TEMPLATES_DIR` (folder of `<kind>.txt` overriding the built-in texts; unset:
/// none), `CHECKIN_AT` (local HH:MM, 08:00) and `CHECKIN_DEADLINE` (PT2H) for the daily
/// check-in. Templates and settings are validated before anything starts.
func buildServiceGroup(settings: HotlineSettings, registry: PrometheusCollectorRegistry) async throws -> ServiceGroup {
    let logger = Logger(label: "notifier")
    let env = settings.environment
    let templates = try SMSTemplates(directory: env["SMS_TEMPLATES_DIR"])
    let quietHours = try QuietHours.parse(env["QUIET_HOURS"], timeZone: settings.timeZone)
    let rateLimit = try RateLimit.parse(env["SMS_RATE_PER_HOUR"])
    let checkinSchedule = try CheckinSchedule.parse(at: env["CHECKIN_AT"], deadline: env["CHECKIN_DEADLINE"], timeZone: settings.timeZone)
    let metrics = SMSMetrics()
    logger.info(
        "SMS settings",
        metadata: [
            "gateway": "\(env["SMS_GATEWAY_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "file sink")",
            "quiet_hours": "\(env["QUIET_HOURS"] ?? "off")", "rate_per_hour": "\(rateLimit?.perHour ?? 0)",
            "checkin_at": "\(checkinSchedule.clock(checkinSchedule.window(containing: Date()).opens))", "checkin_deadline": "\(checkinSchedule.deadline.text)",
        ]
    )
    let gatewaySecret = try GatewaySecret.parse(env["SMS_GATEWAY_SECRET"], gatewayURL: env["SMS_GATEWAY_URL"])
    if gatewaySecret.generated {
        logger.warning("no SMS_GATEWAY_SECRET: inbound SMS webhooks cannot be signed and are refused")
    }
    let secret = gatewaySecret.value
    let gateway: any SMSGateway =
        if let url = env["SMS_GATEWAY_URL"], !url.isEmpty {
            try HTTPSMSGateway(url: url, secret: secret)
        } else {
            try FileSMSSink(path: env["SMS_SINK_FILE"] ?? ".run/sms.jsonl")
        }

    let infrastructure = try await Infrastructure.start(settings: settings, service: "notifier", logger: logger)
    let (pool, jurisdiction, relay) = (infrastructure.pool, infrastructure.jurisdiction, infrastructure.relay)
    let store = CaseStore(timeZone: settings.timeZone)

    let eventsQueue = AMQPConsumer(
        configuration: infrastructure.amqp, queue: Topology.notifierEvents.name, prefetch: UInt16(settings.prefetch),
        logger: logger
    ) { try Topology.declare(Topology.notifierEvents, on: $0) }
    let senderWakeUps = WakeUps(databaseURL: settings.databaseURL, channel: "notifications", pollInterval: .milliseconds(500), logger: logger)
    let handoff = SMSHandoff { senderWakeUps.wake() }
    let planner = InboxConsumer(
        consumer: eventsQueue, pool: pool, deadLetters: infrastructure.publisher, queue: Topology.notifierEvents.name,
        handler: NotificationPlanner(
            templates: templates, jurisdiction: jurisdiction, quietHours: quietHours, timeZone: settings.timeZone, metrics: metrics,
            handoff: handoff
        ),
        logger: logger
    )
    let sender = SMSSender(
        pool: pool, gateway: gateway,
        wakeUps: senderWakeUps, handoff: handoff, rateLimit: rateLimit, metrics: metrics, logger: logger
    )

    let checkins = CheckinScheduler(
        pool: pool, store: store, schedule: checkinSchedule, templates: templates, quietHours: quietHours, interval: .seconds(2),
        logger: logger
    )

    let readiness = infrastructure.readiness()
    readiness.add("broker") { eventsQueue.isConnected }
    let router = Router()
    router.add(middleware: MetricsMiddleware())
    OperationalRoutes(readiness: readiness, registry: registry).add(to: router)
    InboundSMSController(pool: pool, store: store, jurisdiction: jurisdiction, templates: templates, secret: secret, logger: logger)
        .add(to: router)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(settings.httpHost, port: settings.notifierPort), serverName: "notifier"),
        logger: logger
    )
    return ServiceGroup(
        configuration: .init(
            services: [jurisdiction, relay, planner, sender, checkins, infrastructure.sampler(), app],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
    )
}
