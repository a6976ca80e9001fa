/// Where a point lies relative to an area, for the border rule of ``GridIndex``.
enum PointLocation: Int, Comparable {
    /// Not in the area.
    case outside = 0
    /// On an edge or vertex of the area.
    case boundary = 1
    /// Strictly inside the area.
    case inside = 2

    /// Orders by how firmly the point belongs to the area.
    static func < (lhs: PointLocation, rhs: PointLocation) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
