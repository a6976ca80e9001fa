/// One polygon of a grid's area: an outer ring and any holes cut out of it.
///
/// Rings are closed, as in GeoJSON: the last position repeats the first.
public struct GridPolygon: Codable, Sendable, Hashable {
    /// The outer boundary.
    public var outer: [Coordinate]
    /// Areas inside the outer ring that do not belong to the polygon.
    public var holes: [[Coordinate]]

    /// Creates a polygon.
    public init(outer: [Coordinate], holes: [[Coordinate]] = []) {
        self.outer = outer
        self.holes = holes
    }
}
