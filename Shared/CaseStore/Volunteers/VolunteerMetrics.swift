import Metrics

/// The volunteers' counters on `/metrics` (`hotline_volunteer_*`), counted where the change is
/// written (help texts in `HotlineMetricsFactory.help`).
enum VolunteerMetrics {
    static let offered = Counter(label: "hotline_volunteer_offers_total")
    static let taken = Counter(label: "hotline_volunteer_takes_total")
    static let lateTakes = Counter(label: "hotline_volunteer_late_takes_total")
    static let takeSeconds = Timer(label: "hotline_volunteer_take_seconds")
}
