import Foundation

extension Jurisdiction {
    /// The name of the map file inside a jurisdiction folder.
    public static let gridsFileName = "grids.geojson"
    /// The name of the rules file inside a jurisdiction folder.
    public static let catalogFileName = "catalog.json"

    /// Reads and validates `grids.geojson` and `catalog.json` from a folder.
    ///
    /// Throws ``JurisdictionError/invalid(_:)`` listing every problem found in both files,
    /// including a file that cannot be read.
    public static func load(folder: URL) throws -> Jurisdiction {
        var unreadable: [ValidationIssue] = []
        func read(_ name: String) -> Data? {
            do {
                return try Data(contentsOf: folder.appendingPathComponent(name))
            } catch {
                unreadable.append(ValidationIssue(
                    file: name, entry: "", field: "",
                    message: "cannot read \(folder.appendingPathComponent(name).path): \(error.localizedDescription)"
                ))
                return nil
            }
        }
        let grids = read(self.gridsFileName)
        let catalog = read(self.catalogFileName)
        guard let grids, let catalog else {
            throw JurisdictionError.invalid(unreadable)
        }
        return try self.decode(gridsJSON: grids, catalogJSON: catalog)
    }

    /// Parses and validates the contents of the two files.
    ///
    /// Throws ``JurisdictionError/invalid(_:)`` listing every problem found in both, each naming
    /// the file, the entry and the field.
    public static func decode(gridsJSON: Data, catalogJSON: Data) throws -> Jurisdiction {
        let log = IssueLog()
        var grids: [Grid] = []
        var catalog: Catalog?
        if let root = self.parse(gridsJSON, file: self.gridsFileName, log: log) {
            grids = GridsFileReader.read(root, log: log)
        }
        if let root = self.parse(catalogJSON, file: self.catalogFileName, log: log) {
            catalog = CatalogFileReader.read(root, log: log)
        }
        guard log.issues.isEmpty, let catalog else {
            throw JurisdictionError.invalid(log.issues)
        }
        return Jurisdiction(grids: grids, catalog: catalog)
    }

    /// The JSON of one file, or `nil` after logging why it is not JSON.
    private static func parse(_ data: Data, file: String, log: IssueLog) -> JSONValue? {
        do {
            return try JSONValue(parsing: data)
        } catch {
            log.add(file: file, entry: "", field: "", message: "not valid JSON (\(Self.reason(error)))")
            return nil
        }
    }

    /// A short reason for a JSON parse failure.
    static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return String(describing: error)
    }
}
