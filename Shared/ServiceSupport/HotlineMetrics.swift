import Metrics
import Prometheus

/// Installs the Prometheus backend for swift-metrics once per process, with Hummingbird's HTTP
/// metrics renamed to Prometheus conventions and a help text each (``HotlineMetricsFactory``).
public enum HotlineMetrics {
    /// Bootstraps the metrics system and returns the registry `/metrics` renders.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2), .seconds(5),
        ]
        MetricsSystem.bootstrap(HotlineMetricsFactory(factory))
        return registry
    }
}
