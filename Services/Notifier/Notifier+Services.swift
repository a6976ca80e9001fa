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

/// Assembles the notifier: its consumers and sender as services, its routes from
/// ``buildRouter(inbound:jurisdiction:secret:readiness:registry:logger:)``, each started once the
/// schema is migrated and the jurisdiction loaded (the group's first service).
///
/// Its keys, with type, default and meaning: `NotifierConfiguration`. Templates and the forms
/// only the notifier knows (quiet hours, check-in, the secret, the gateway) are checked here,
/// before anything starts.
func buildServiceGroup(settings: NotifierConfiguration, registry: PrometheusCollectorRegistry) async throws -> ServiceGroup {
    let logger = Logger(label: "notifier")
    let templates = try SMSTemplates(directory: settings.smsTemplatesDirectory)
    let quietHours = try QuietHours.parse(settings.quietHours, timeZone: settings.timeZone)
    let rateLimit = RateLimit(perHourSetting: settings.smsRatePerHour)
    let checkinSchedule = try CheckinSchedule.parse(at: settings.checkinAt, deadline: settings.checkinDeadline, timeZone: settings.timeZone)
    let metrics = SMSMetrics()
    logger.info(
        "SMS settings",
        metadata: [
            "gateway": "\(settings.smsGatewayURL.map(NotifierConfiguration.Key.smsGatewayURL.key.shown) ?? "file sink")",
            "quiet_hours": "\(settings.quietHours ?? "off")", "rate_per_hour": "\(rateLimit?.perHour ?? 0)",
            "checkin_at": "\(checkinSchedule.clock(checkinSchedule.window(containing: Date()).opens))", "checkin_deadline": "\(checkinSchedule.deadline.text)",
        ]
    )
    let gatewaySecret = try GatewaySecret.parse(settings.smsGatewaySecret, gatewayURL: settings.smsGatewayURL)
    if gatewaySecret.generated {
        logger.warning("no SMS_GATEWAY_SECRET: inbound SMS webhooks cannot be signed and are refused")
    }
    let secret = gatewaySecret.value
    let gateway: any SMSGateway =
        if let url = settings.smsGatewayURL {
            try HTTPSMSGateway(url: url, secret: secret)
        } else {
            try FileSMSSink(path: settings.smsSinkFile)
        }

    let infrastructure = try Infrastructure.open(settings: settings.common, service: "notifier", logger: logger)
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
        queue: PostgresSMSQueue(pool: pool), gateway: gateway,
        wakeUps: senderWakeUps, handoff: handoff, rateLimit: rateLimit, metrics: metrics, logger: logger
    )

    let checkins = CheckinScheduler(
        pool: pool, store: store, schedule: checkinSchedule, templates: templates, quietHours: quietHours, interval: .seconds(2),
        logger: logger, handoff: handoff
    )

    let partitions = NotificationPartitions(pool: pool, logger: logger)

    let readiness = infrastructure.readiness()
    readiness.add("broker") { eventsQueue.isConnected }
    let router = buildRouter(
        inbound: PostgresInboundSMSRepository(
            pool: pool, store: store, handler: InboundSMSReplies(templates: templates, timeZone: settings.timeZone),
            plan: { answers, connection in try PlannedNotification.insert(answers.map(PlannedNotification.init(answer:)), on: connection) }
        ),
        jurisdiction: jurisdiction,
        secret: secret, readiness: readiness, registry: registry, logger: logger
    )
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(settings.httpHost, port: settings.notifierPort), serverName: "notifier"),
        logger: logger
    )
    return ServiceGroup(
        configuration: .init(
            services: infrastructure.services([jurisdiction, relay, planner, sender, checkins, partitions, infrastructure.sampler(), app]),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
    )
}
