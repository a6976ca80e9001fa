/// The smallest lon/lat rectangle around some positions, for cheap rejection before exact
/// point-in-polygon tests.
struct BoundingBox: Sendable {
    /// Western edge.
    var minLon: Double
    /// Southern edge.
    var minLat: Double
    /// Eastern edge.
    var maxLon: Double
    /// Northern edge.
    var maxLat: Double

    /// An empty box, which contains nothing until positions are added.
    static let empty = BoundingBox(minLon: .infinity, minLat: .infinity, maxLon: -.infinity, maxLat: -.infinity)

    /// The box around positions.
    init<S: Sequence>(_ coordinates: S) where S.Element == Coordinate {
        self = .empty
        for coordinate in coordinates {
            self.include(coordinate)
        }
    }

    /// A box from its edges.
    init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// Whether the box contains nothing.
    var isEmpty: Bool {
        self.minLon > self.maxLon || self.minLat > self.maxLat
    }

    /// Grows the box to contain a position.
    mutating func include(_ coordinate: Coordinate) {
        self.minLon = min(self.minLon, coordinate.lon)
        self.minLat = min(self.minLat, coordinate.lat)
        self.maxLon = max(self.maxLon, coordinate.lon)
        self.maxLat = max(self.maxLat, coordinate.lat)
    }

    /// Grows the box to contain another box.
    mutating func include(_ other: BoundingBox) {
        self.minLon = min(self.minLon, other.minLon)
        self.minLat = min(self.minLat, other.minLat)
        self.maxLon = max(self.maxLon, other.maxLon)
        self.maxLat = max(self.maxLat, other.maxLat)
    }

    /// Whether a point lies in the box or within `tolerance` degrees of it.
    func contains(_ point: Coordinate, tolerance: Double = 0) -> Bool {
        point.lon >= self.minLon - tolerance && point.lon <= self.maxLon + tolerance
            && point.lat >= self.minLat - tolerance && point.lat <= self.maxLat + tolerance
    }
}
