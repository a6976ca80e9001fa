/// Reads and validates a GeoJSON Polygon or MultiPolygon geometry (RFC 7946: `[lon, lat]`
/// positions, closed rings of at least four positions).
struct GeometryReader {
    /// Where issues go, already naming the file and feature.
    let reader: FieldReader

    /// The geometry, or `nil` after logging what is wrong with it.
    func geometry(_ value: JSONValue?, _ field: String) -> GridGeometry? {
        guard let members = self.reader.object(value, field) else {
            return nil
        }
        let type = members["type"]?.stringValue
        let coordinates = self.reader.array(members["coordinates"], field + ".coordinates")
        switch type {
        case "Polygon":
            guard let coordinates,
                  let polygon = self.polygon(coordinates, field + ".coordinates") else {
                return nil
            }
            return GridGeometry(polygons: [polygon])
        case "MultiPolygon":
            guard let coordinates else {
                return nil
            }
            guard !coordinates.isEmpty else {
                self.reader.issue(field + ".coordinates", "a MultiPolygon needs at least one polygon")
                return nil
            }
            var polygons: [GridPolygon] = []
            var valid = true
            for (index, element) in coordinates.enumerated() {
                let path = "\(field).coordinates[\(index)]"
                guard let rings = self.reader.array(element, path),
                      let polygon = self.polygon(rings, path) else {
                    valid = false
                    continue
                }
                polygons.append(polygon)
            }
            return valid ? GridGeometry(polygons: polygons) : nil
        default:
            let found = type.map { "'\($0)'" } ?? "missing"
            self.reader.issue(field + ".type", "must be \"Polygon\" or \"MultiPolygon\" (found \(found))")
            return nil
        }
    }

    /// A polygon's rings: the first is the outer boundary, the rest are holes.
    private func polygon(_ rings: [JSONValue], _ field: String) -> GridPolygon? {
        guard !rings.isEmpty else {
            self.reader.issue(field, "a polygon needs an outer ring")
            return nil
        }
        var parsed: [[Coordinate]] = []
        for (index, ring) in rings.enumerated() {
            if let coordinates = self.ring(ring, "\(field)[\(index)]") {
                parsed.append(coordinates)
            }
        }
        guard parsed.count == rings.count else {
            return nil
        }
        return GridPolygon(outer: parsed[0], holes: Array(parsed.dropFirst()))
    }

    /// A closed ring of at least four valid positions; reports the first bad position only, so
    /// that one broken ring does not bury the other issues.
    private func ring(_ value: JSONValue, _ field: String) -> [Coordinate]? {
        guard let positions = self.reader.array(value, field) else {
            return nil
        }
        var coordinates: [Coordinate] = []
        coordinates.reserveCapacity(positions.count)
        for (index, position) in positions.enumerated() {
            let path = "\(field)[\(index)]"
            guard let pair = position.arrayValue, pair.count >= 2,
                  let lon = pair[0].doubleValue, let lat = pair[1].doubleValue else {
                self.reader.issue(path, "a position must be an array [lon, lat] of numbers")
                return nil
            }
            guard (-180...180).contains(lon) else {
                self.reader.issue(path, "longitude \(lon) is outside [-180, 180]")
                return nil
            }
            guard (-90...90).contains(lat) else {
                self.reader.issue(path, "latitude \(lat) is outside [-90, 90]")
                return nil
            }
            coordinates.append(Coordinate(lat: lat, lon: lon))
        }
        guard coordinates.count >= 4 else {
            self.reader.issue(field, "a ring needs at least 4 positions (found \(coordinates.count))")
            return nil
        }
        guard coordinates.first == coordinates.last else {
            self.reader.issue(field, "ring is not closed: the last position must repeat the first")
            return nil
        }
        return coordinates
    }
}
