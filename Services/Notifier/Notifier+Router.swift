import CaseStore
import Hummingbird
import Logging
import Prometheus
import ServiceSupport

/// The notifier's routes: health, metrics and the gateway's signed webhooks on `inbound`. Pure,
/// so router tests call it with ``InMemoryInboundSMS``.
func buildRouter(
    inbound: any InboundSMSRepository, jurisdiction: any JurisdictionSource, secret: String, readiness: Readiness,
    registry: PrometheusCollectorRegistry, logger: Logger
) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: MetricsMiddleware())
    OperationalRoutes(readiness: readiness, registry: registry).add(to: router)
    InboundSMSController(inbound: inbound, jurisdiction: jurisdiction, secret: secret, logger: logger).add(to: router)
    return router
}
