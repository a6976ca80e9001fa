/// A grid's geometry prepared for point tests: bounding boxes per polygon and overall.
struct GridShape: Sendable {
    /// Distance in degrees under which a point counts as on an edge (about 0.1 micrometre).
    static let tolerance = 1e-12

    /// One polygon with its box; `rings[0]` is the outer ring, the rest are holes.
    struct Part: Sendable {
        /// The box of the outer ring.
        let box: BoundingBox
        /// The closed rings.
        let rings: [[Coordinate]]
    }

    /// The box around all polygons.
    let box: BoundingBox
    /// The polygons.
    let parts: [Part]

    /// Prepares a geometry.
    init(geometry: GridGeometry) {
        self.parts = geometry.polygons.map { polygon in
            Part(box: BoundingBox(polygon.outer), rings: [polygon.outer] + polygon.holes)
        }
        var box = BoundingBox.empty
        for part in self.parts {
            box.include(part.box)
        }
        self.box = box
    }

    /// Where a point lies: the firmest answer over all polygons.
    func locate(_ point: Coordinate) -> PointLocation {
        guard self.box.contains(point, tolerance: Self.tolerance) else {
            return .outside
        }
        var best = PointLocation.outside
        for part in self.parts where part.box.contains(point, tolerance: Self.tolerance) {
            best = max(best, Self.locate(point, in: part.rings))
            if best == .inside {
                break
            }
        }
        return best
    }

    /// Where a point lies relative to one polygon with holes: on any ring is the boundary;
    /// strictly inside a hole is outside.
    static func locate(_ point: Coordinate, in rings: [[Coordinate]]) -> PointLocation {
        guard let outer = rings.first else {
            return .outside
        }
        let location = self.locate(point, inRing: outer)
        guard location == .inside else {
            return location
        }
        for hole in rings.dropFirst() {
            switch self.locate(point, inRing: hole) {
            case .inside: return .outside
            case .boundary: return .boundary
            case .outside: continue
            }
        }
        return .inside
    }

    /// Where a point lies relative to one closed ring, by ray casting towards the east.
    static func locate(_ point: Coordinate, inRing ring: [Coordinate]) -> PointLocation {
        var inside = false
        var index = 0
        while index + 1 < ring.count {
            let start = ring[index]
            let end = ring[index + 1]
            index += 1
            if self.isOn(point, start, end) {
                return .boundary
            }
            // Half-open on latitude so a ray through a vertex counts the vertex once.
            if (start.lat > point.lat) != (end.lat > point.lat) {
                let crossing = (end.lon - start.lon) * (point.lat - start.lat) / (end.lat - start.lat) + start.lon
                if point.lon < crossing {
                    inside.toggle()
                }
            }
        }
        return inside ? .inside : .outside
    }

    /// Whether a point lies on the segment from `start` to `end`, within the tolerance.
    static func isOn(_ point: Coordinate, _ start: Coordinate, _ end: Coordinate) -> Bool {
        let tolerance = Self.tolerance
        guard point.lon >= min(start.lon, end.lon) - tolerance, point.lon <= max(start.lon, end.lon) + tolerance,
              point.lat >= min(start.lat, end.lat) - tolerance, point.lat <= max(start.lat, end.lat) + tolerance
        else {
            return false
        }
        let dLon = end.lon - start.lon
        let dLat = end.lat - start.lat
        let length = (dLon * dLon + dLat * dLat).squareRoot()
        guard length > 0 else {
            return true
        }
        // The cross product over the length is the point's distance from the segment's line.
        let cross = dLon * (point.lat - start.lat) - dLat * (point.lon - start.lon)
        return abs(cross) / length <= tolerance
    }
}
