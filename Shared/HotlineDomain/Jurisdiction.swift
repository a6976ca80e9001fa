/// A city's map (grids) and rules (catalog), loaded from a folder with `grids.geojson` and
/// `catalog.json`; see `Jurisdiction+Loading.swift`.
public struct Jurisdiction: Codable, Sendable, Hashable {
    /// The grids, in file order.
    public var grids: [Grid]
    /// The rules.
    public var catalog: Catalog

    /// Creates a jurisdiction from already validated parts.
    public init(grids: [Grid], catalog: Catalog) {
        self.grids = grids
        self.catalog = catalog
    }
}
