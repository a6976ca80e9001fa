import Hummingbird
import Prometheus
import ServiceSupport

/// The dispatcher's routes: health and metrics only (its work arrives by AMQP). Pure, like the
/// other services' `buildRouter`.
func buildRouter(readiness: Readiness, registry: PrometheusCollectorRegistry) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: MetricsMiddleware())
    OperationalRoutes(readiness: readiness, registry: registry).add(to: router)
    return router
}
