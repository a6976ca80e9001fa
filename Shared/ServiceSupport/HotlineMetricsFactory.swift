import Metrics
import Prometheus

/// The swift-metrics backend of every service: Prometheus metrics with conventional names and a
/// `# HELP` line each, so that `promtool check metrics` finds nothing to say about `/metrics`.
///
/// Hummingbird's own HTTP metrics are renamed (a counter ends in `_total`, a duration is in
/// `_seconds`); the project's metrics are named that way already and keep their names:
///
/// | Hummingbird's label | exported as |
/// |---|---|
/// | `hb.requests` | `http_server_requests_total` |
/// | `hb.request.errors` | `http_server_request_errors_total` |
/// | `http.server.request.duration` | `http_server_request_duration_seconds` |
/// | `http.server.active_requests` | `http_server_active_requests` (a gauge: unchanged) |
///
/// swift-metrics has no help text, so ``help`` holds one per metric name: a new metric adds its
/// line there (the deploy checks run promtool on each service's live `/metrics`).
public struct HotlineMetricsFactory: MetricsFactory {
    /// The Prometheus factory that owns the registry and the histogram buckets.
    public let base: PrometheusMetricsFactory

    /// Wraps `base`.
    public init(_ base: PrometheusMetricsFactory) {
        self.base = base
    }

    /// The new name of each renamed label.
    public static let renamed: [String: String] = [
        "hb.requests": "http_server_requests_total",
        "hb.request.errors": "http_server_request_errors_total",
        "http.server.request.duration": "http_server_request_duration_seconds",
        "http.server.active_requests": "http_server_active_requests",
    ]

    /// The `# HELP` text of each metric, by exported name.
    public static let help: [String: String] = [
        "http_server_requests_total": "HTTP requests answered, by route, method and status.",
        "http_server_request_errors_total": "HTTP requests that ended in an error thrown by a handler.",
        "http_server_request_duration_seconds": "Time to answer an HTTP request.",
        "http_server_active_requests": "HTTP requests in progress.",
        "hotline_tickets_received_total": "Tickets created by intake.",
        "hotline_tickets_routed_total": "Tickets routed to a handler, by handler kind.",
        "hotline_tickets_unroutable_total": "Tickets no rule could route (waiting for manual dispatch).",
        "hotline_tickets_duplicate_total": "Tickets linked to an open one as duplicates.",
        "hotline_tickets_overdue_total": "Deadlines (respond or resolve) passed with the ticket open.",
        "hotline_tickets_escalated_total": "Open tickets escalated to the street or district centre.",
        "hotline_cluster_alerts_total": "Cluster alerts raised (open tickets of one category in one grid).",
        "hotline_messages_applied_total": "AMQP messages applied by a consumer, by queue.",
        "hotline_messages_dead_lettered_total": "AMQP messages sent to the dead-letter exchange, by queue.",
        "hotline_messages_duplicate_total": "AMQP messages skipped because their message_id was already applied, by queue.",
        "hotline_messages_redelivered_total": "AMQP messages the broker delivered again, by queue.",
        "hotline_consumer_batch_seconds": "Time to apply one batch of AMQP messages, by queue.",
        "hotline_outbox_published_total": "Outbox rows published to RabbitMQ with a confirm.",
        "hotline_outbox_publish_failures_total": "Outbox publishes that failed and will be retried.",
        "hotline_outbox_backlog": "Outbox rows not yet published.",
        "hotline_outbox_oldest_age_seconds": "Age of the oldest unpublished outbox row.",
        "hotline_db_pool_size": "PostgreSQL connections in the pool.",
        "hotline_db_pool_in_use": "PostgreSQL connections lent out.",
        "hotline_db_pool_waiting": "Callers waiting for a PostgreSQL connection.",
        "hotline_sms_sent_total": "SMS accepted by the gateway, by kind.",
        "hotline_sms_retried_total": "SMS attempts retried after a temporary gateway failure.",
        "hotline_sms_failed_total": "SMS that will never be delivered.",
        "hotline_sms_segments_total": "SMS segments sent (what the gateway bills).",
        "hotline_sms_deferred_total": "SMS held back, by reason (quiet_hours, rate_limit).",
        "hotline_consumer_outage_retries_total": "Batches held and retried because PostgreSQL was unavailable, by queue.",
        "hotline_outbox_unroutable": "Outbox messages the broker returned as unroutable in the last batch.",
        "hotline_outbox_unroutable_total": "Outbox messages the broker returned as unroutable, by exchange and routing key.",
        "hotline_retention_purged_total": "Personal data erased when its retention period ran out, by kind.",
        "intake_api_key_lookups_total": "API keys looked up in the database (cache misses).",
        "hotline_volunteer_offers_total": "Service orders offered to the community's volunteers (one per order routed).",
        "hotline_volunteer_takes_total": "Service orders taken by a volunteer (the first taker; by hand included).",
        "hotline_volunteer_late_takes_total": "Takes refused because another volunteer was first.",
        "hotline_volunteer_take_seconds": "Time from a service order's creation to its take.",
    ]

    /// The exported name (with its help text) and labels of `label` with `dimensions`.
    func describe(_ label: String, _ dimensions: [(String, String)]) -> (MetricNameDescriptor, [(String, String)]) {
        let (name, labels) = self.base.nameAndLabelSanitizer(Self.renamed[label] ?? label, dimensions)
        return (MetricNameDescriptor(metricName: name, unitName: "", helpText: Self.help[name] ?? ""), labels)
    }

    /// A counter with its help text.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let (descriptor, labels) = self.describe(label, dimensions)
        return self.base.registry.makeCounter(descriptor: descriptor, labels: labels)
    }

    /// A counter with its help text (Prometheus counters take fractions).
    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        let (descriptor, labels) = self.describe(label, dimensions)
        return self.base.registry.makeCounter(descriptor: descriptor, labels: labels)
    }

    /// A gauge with its help text.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        let (descriptor, labels) = self.describe(label, dimensions)
        return self.base.registry.makeGauge(descriptor: descriptor, labels: labels)
    }

    /// A gauge, or a value histogram when `aggregate`, with its help text.
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        let (descriptor, labels) = self.describe(label, dimensions)
        guard aggregate else { return self.base.registry.makeGauge(descriptor: descriptor, labels: labels) }
        let buckets = self.base.valueHistogramBuckets[descriptor.name] ?? self.base.defaultValueHistogramBuckets
        return self.base.registry.makeValueHistogram(descriptor: descriptor, labels: labels, buckets: buckets)
    }

    /// A duration histogram (seconds) with its help text.
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let (descriptor, labels) = self.describe(label, dimensions)
        let buckets = self.base.durationHistogramBuckets[descriptor.name] ?? self.base.defaultDurationHistogramBuckets
        return self.base.registry.makeDurationHistogram(descriptor: descriptor, labels: labels, buckets: buckets)
    }

    /// Unregisters it.
    public func destroyCounter(_ handler: any CounterHandler) {
        self.base.destroyCounter(handler)
    }

    /// Unregisters it.
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        self.base.destroyFloatingPointCounter(handler)
    }

    /// Unregisters it.
    public func destroyMeter(_ handler: any MeterHandler) {
        self.base.destroyMeter(handler)
    }

    /// Unregisters it.
    public func destroyRecorder(_ handler: any RecorderHandler) {
        self.base.destroyRecorder(handler)
    }

    /// Unregisters it.
    public func destroyTimer(_ handler: any TimerHandler) {
        self.base.destroyTimer(handler)
    }
}
