/// One problem found in a jurisdiction file, precise enough for a person to fix it.
public struct ValidationIssue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The file, `grids.geojson` or `catalog.json`.
    public var file: String
    /// The entry, e.g. `feature 3 (code 620402001)` or `category 0 (code streetlight)`; empty for
    /// the file as a whole. Indexes count from 0, as in the JSON array.
    public var entry: String
    /// The field path inside the entry, e.g. `properties.community.code`; empty when the issue is
    /// about the whole entry or file.
    public var field: String
    /// What is wrong, e.g. `required`.
    public var message: String

    /// Creates an issue.
    public init(file: String, entry: String, field: String, message: String) {
        self.file = file
        self.entry = entry
        self.field = field
        self.message = message
    }

    /// `file: entry: field: message`, leaving out empty parts, e.g.
    /// `grids.geojson: feature 3 (code 620402001): properties.community.code: required`.
    public var description: String {
        [self.file, self.entry, self.field, self.message].filter { !$0.isEmpty }.joined(separator: ": ")
    }
}
