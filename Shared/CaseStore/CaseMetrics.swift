import Metrics

/// The case counters on `/metrics` (`hotline_tickets_*`), counted where the change is written.
/// They count attempts inside transactions: a transaction that rolls back still counted, which
/// is rare and errs on the visible side.
enum CaseMetrics {
    static let received = Counter(label: "hotline_tickets_received_total")
    static let unroutable = Counter(label: "hotline_tickets_unroutable_total")
    static let duplicates = Counter(label: "hotline_tickets_duplicate_total")
    static let overdue = Counter(label: "hotline_tickets_overdue_total")
    static let escalated = Counter(label: "hotline_tickets_escalated_total")
    static let clusters = Counter(label: "hotline_cluster_alerts_total")

    static func routed(handler: String) {
        Counter(label: "hotline_tickets_routed_total", dimensions: [("handler", handler)]).increment()
    }
}
