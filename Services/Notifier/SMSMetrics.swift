import Metrics

/// The notifier's counters, on `/metrics`: `hotline_sms_sent_total`, `hotline_sms_retried_total`,
/// `hotline_sms_failed_total`, `hotline_sms_segments_total` (handset segments of sent messages)
/// and `hotline_sms_deferred_total{reason="quiet_hours"|"rate_limit"}`.
struct SMSMetrics: Sendable {
    let sent = Counter(label: "hotline_sms_sent_total")
    let retried = Counter(label: "hotline_sms_retried_total")
    let failed = Counter(label: "hotline_sms_failed_total")
    let segments = Counter(label: "hotline_sms_segments_total")
    let deferredQuietHours = Counter(label: "hotline_sms_deferred_total", dimensions: [("reason", "quiet_hours")])
    let deferredRateLimit = Counter(label: "hotline_sms_deferred_total", dimensions: [("reason", "rate_limit")])
}
