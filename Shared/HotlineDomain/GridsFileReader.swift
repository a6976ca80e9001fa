/// Reads and validates `grids.geojson`: a GeoJSON FeatureCollection of Polygon or MultiPolygon
/// features whose properties describe the grids.
enum GridsFileReader {
    /// The file's name, as issues report it.
    static let file = "grids.geojson"

    /// The grids of a parsed file; every problem goes to `log` and the bad features are left out.
    static func read(_ root: JSONValue, log: IssueLog) -> [Grid] {
        let top = FieldReader(log: log, file: self.file, entry: "")
        guard let members = top.object(root, "") else {
            return []
        }
        if members["type"]?.stringValue != "FeatureCollection" {
            top.issue("type", "must be \"FeatureCollection\"")
        }
        guard let features = top.array(members["features"], "features") else {
            return []
        }
        var grids: [Grid] = []
        var firstFeatureOfCode: [String: Int] = [:]
        for (index, feature) in features.enumerated() {
            let code = feature["properties"]?["code"]?.stringValue?.trimmingWhitespace()
            let entry = code.map { "feature \(index) (code \($0))" } ?? "feature \(index)"
            let reader = FieldReader(log: log, file: self.file, entry: entry)
            if let code, !code.isEmpty {
                if let first = firstFeatureOfCode[code] {
                    reader.issue("properties.code", "duplicate grid code (also feature \(first))")
                } else {
                    firstFeatureOfCode[code] = index
                }
            }
            if let grid = self.grid(feature, reader: reader) {
                grids.append(grid)
            }
        }
        return grids
    }

    /// One feature as a grid, or `nil` after logging why it is not one.
    private static func grid(_ feature: JSONValue, reader: FieldReader) -> Grid? {
        guard let members = reader.object(feature, "") else {
            return nil
        }
        if members["type"]?.stringValue != "Feature" {
            reader.issue("type", "must be \"Feature\"")
        }
        let geometry = GeometryReader(reader: reader).geometry(members["geometry"], "geometry")
        guard let properties = reader.object(members["properties"], "properties") else {
            return nil
        }
        let code = reader.string(properties["code"], "properties.code")
        let name = reader.string(properties["name"], "properties.name")
        let community = reader.area(properties["community"], "properties.community")
        let street = reader.area(properties["street"], "properties.street")
        let district = reader.area(properties["district"], "properties.district")
        let worker = reader.contact(properties["worker"], "properties.worker")
        let secretary = reader.contact(properties["secretary"], "properties.secretary")
        let households = reader.int(properties["households"], "properties.households", minimum: 0, required: false)
        let aliases = reader.strings(properties["aliases"], "properties.aliases", required: false)
        guard let code, let name, let community, let street, let district, let worker, let secretary,
              let geometry else {
            return nil
        }
        return Grid(
            code: code, name: name, community: community, street: street, district: district,
            worker: worker, secretary: secretary, households: households ?? 0, aliases: aliases ?? [],
            geometry: geometry
        )
    }
}
