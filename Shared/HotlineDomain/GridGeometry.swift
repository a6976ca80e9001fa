/// The area a grid covers: one polygon (GeoJSON Polygon) or several (MultiPolygon).
public struct GridGeometry: Codable, Sendable, Hashable {
    /// The polygons; a point in any of them is in the grid.
    public var polygons: [GridPolygon]

    /// Creates a geometry.
    public init(polygons: [GridPolygon]) {
        self.polygons = polygons
    }
}
