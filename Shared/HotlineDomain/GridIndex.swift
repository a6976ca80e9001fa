/// Finds the grid of a ticket fast: by code, by a point on the map, or by an address alias.
///
/// Built once per jurisdiction load and shared read-only; every query is a look-up, never a scan
/// of all grids, so it stays fast for thousands of grids.
public struct GridIndex: Sendable {
    /// The grids, in the order given.
    public let grids: [Grid]
    /// Position of each grid by code.
    private let positions: [String: Int]
    /// Each grid's geometry prepared for point tests.
    let shapes: [GridShape]
    /// Which grids may cover each cell of a uniform lon/lat grid.
    let buckets: BucketIndex
    /// Every alias, keyed by its matching form.
    let aliases: AliasTable

    /// Indexes the grids; when two share a code (validation forbids it) the first wins.
    public init(grids: [Grid]) {
        self.grids = grids
        var positions: [String: Int] = [:]
        for (index, grid) in grids.enumerated() where positions[grid.code] == nil {
            positions[grid.code] = index
        }
        self.positions = positions
        self.shapes = grids.map { GridShape(geometry: $0.geometry) }
        self.buckets = BucketIndex(boxes: self.shapes.map(\.box))
        self.aliases = AliasTable(grids: grids)
    }

    /// The grid with this code, if any.
    public func grid(code: String) -> Grid? {
        self.positions[code].map { self.grids[$0] }
    }

    /// The grid whose area covers a point, if any.
    ///
    /// A point inside a grid's area (inside an outer ring and outside its holes) belongs to it.
    /// A point exactly on a boundary (an edge or a vertex, within about 1e-12 degrees) belongs to
    /// the grids it touches only when no grid has it strictly inside; among several candidates of
    /// the same kind the smallest grid code (plain string order) wins, so the answer never depends
    /// on file order.
    public func grid(containing point: Coordinate) -> Grid? {
        var inside: Int?
        var touching: Int?
        for bucketEntry in self.buckets.candidates(near: point) {
            let candidate = Int(bucketEntry)
            switch self.shapes[candidate].locate(point) {
            case .inside:
                if inside.map({ self.grids[candidate].code < self.grids[$0].code }) ?? true {
                    inside = candidate
                }
            case .boundary:
                if touching.map({ self.grids[candidate].code < self.grids[$0].code }) ?? true {
                    touching = candidate
                }
            case .outside:
                break
            }
        }
        return (inside ?? touching).map { self.grids[$0] }
    }

    /// The grid of the longest alias that appears in an address, and that alias as written in
    /// the jurisdiction file.
    ///
    /// Matching ignores white space and Latin letter case. Among aliases of the same length found
    /// in the address, the smallest grid code wins, then the alphabetically first alias.
    public func grid(matchingAddress address: String) -> (grid: Grid, alias: String)? {
        guard let match = self.aliases.longestMatch(in: address) else {
            return nil
        }
        return (self.grids[match.grid], match.alias)
    }
}
