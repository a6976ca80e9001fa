import Foundation
import HotlineDomain

/// The settings intake's routes read, already parsed (and the documents already loaded), so
/// that ``buildRouter(_:options:readiness:registry:logger:)`` does no I/O.
struct IntakeOptions: Sendable {
    /// Requests per minute per key or address (`API_RATE_LIMIT`; 0: no limit).
    var rateLimit = 0
    /// Tickets of one problem in one place that make a cluster on the big screen (`CLUSTER_SIZE`).
    var clusterSize = 3
    /// The business calendar's zone.
    var timeZone = WorkingCalendar.chinaTimeZone
    /// `/openapi.json` and `/asyncapi.yaml`, nil: not served.
    var documents: InterfaceDocuments?
    /// The web UI's files, nil: the API alone.
    var webAssets: WebAssets?
}
