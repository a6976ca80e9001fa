/// A uniform lon/lat raster over all grids; each cell lists the grids whose bounding box meets
/// it, so a point query tests only a handful of polygons.
struct BucketIndex: Sendable {
    /// The box around every grid.
    let bounds: BoundingBox
    /// Number of cells from west to east.
    let columns: Int
    /// Number of cells from south to north.
    let rows: Int
    /// Width of a cell in degrees of longitude.
    let cellWidth: Double
    /// Height of a cell in degrees of latitude.
    let cellHeight: Double
    /// Grid positions per cell, row by row.
    let cells: [[Int32]]

    /// Builds the raster with about two cells per grid, shaped like the area covered.
    init(boxes: [BoundingBox]) {
        var bounds = BoundingBox.empty
        for box in boxes where !box.isEmpty {
            bounds.include(box)
        }
        self.bounds = bounds
        guard !bounds.isEmpty else {
            self.columns = 0
            self.rows = 0
            self.cellWidth = 1
            self.cellHeight = 1
            self.cells = []
            return
        }
        let width = max(bounds.maxLon - bounds.minLon, 1e-9)
        let height = max(bounds.maxLat - bounds.minLat, 1e-9)
        let target = Double(min(max(boxes.count * 2, 1), 1 << 20))
        let columns = max(1, min(4_096, Int((target * width / height).squareRoot().rounded())))
        let rows = max(1, min(4_096, Int((target / Double(columns)).rounded(.up))))
        self.columns = columns
        self.rows = rows
        self.cellWidth = width / Double(columns)
        self.cellHeight = height / Double(rows)
        var cells = [[Int32]](repeating: [], count: columns * rows)
        let tolerance = GridShape.tolerance
        for (position, box) in boxes.enumerated() where !box.isEmpty {
            let west = Self.cell(box.minLon - tolerance, from: bounds.minLon, size: self.cellWidth, count: columns)
            let east = Self.cell(box.maxLon + tolerance, from: bounds.minLon, size: self.cellWidth, count: columns)
            let south = Self.cell(box.minLat - tolerance, from: bounds.minLat, size: self.cellHeight, count: rows)
            let north = Self.cell(box.maxLat + tolerance, from: bounds.minLat, size: self.cellHeight, count: rows)
            for row in south...north {
                for column in west...east {
                    cells[row * columns + column].append(Int32(position))
                }
            }
        }
        self.cells = cells
    }

    /// The positions of the grids whose box may contain the point.
    func candidates(near point: Coordinate) -> [Int32] {
        guard !self.cells.isEmpty, self.bounds.contains(point, tolerance: GridShape.tolerance) else {
            return []
        }
        return self.cells[self.row(point.lat) * self.columns + self.column(point.lon)]
    }

    /// The column of a longitude, clamped to the raster.
    private func column(_ lon: Double) -> Int {
        Self.cell(lon, from: self.bounds.minLon, size: self.cellWidth, count: self.columns)
    }

    /// The row of a latitude, clamped to the raster.
    private func row(_ lat: Double) -> Int {
        Self.cell(lat, from: self.bounds.minLat, size: self.cellHeight, count: self.rows)
    }

    /// The cell of a value along one axis, clamped to `0..<count`; building and querying share it
    /// so that a value maps to the same cell both times.
    private static func cell(_ value: Double, from origin: Double, size: Double, count: Int) -> Int {
        let index = ((value - origin) / size).rounded(.down)
        return Int(min(max(index, 0), Double(count - 1)))
    }
}
