import Foundation

/// The tunable rules of routing that are not in the catalog: duplicate linking (重复件) and
/// cluster alerts (未诉先办).
public struct CasePolicy: Sendable {
    /// How long an open ticket attracts duplicates; 0 turns linking off (`DUPLICATE_WINDOW`).
    public var duplicateWindow: TimeInterval
    /// How near (metres) two located tickets must be to be duplicates (`DUPLICATE_RADIUS_M`).
    public var duplicateRadius: Double
    /// Open tickets of one category in one grid that raise a cluster alert (`CLUSTER_SIZE`).
    public var clusterSize: Int
    /// The window those tickets are counted in (`CLUSTER_WINDOW`).
    public var clusterWindow: TimeInterval

    /// Creates a policy; the defaults are a 24-hour duplicate window within 100 m, and an
    /// alert at 3 open tickets of a category in a grid within 24 hours.
    public init(
        duplicateWindow: TimeInterval = 86_400, duplicateRadius: Double = 100, clusterSize: Int = 3,
        clusterWindow: TimeInterval = 86_400
    ) {
        self.duplicateWindow = duplicateWindow
        self.duplicateRadius = duplicateRadius
        self.clusterSize = clusterSize
        self.clusterWindow = clusterWindow
    }

    /// No duplicate linking and no cluster alerts.
    public static let none = CasePolicy(duplicateWindow: 0, duplicateRadius: 0, clusterSize: 0, clusterWindow: 0)

    /// Great-circle distance in metres between two WGS84 points (haversine).
    static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371_000.0
        let dLat = (lat2 - lat1) * .pi / 180
        let dLon = (lon2 - lon1) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}
