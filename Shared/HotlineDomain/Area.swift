/// An administrative area (community, street or district) as a code and a name.
public struct Area: Codable, Sendable, Hashable {
    /// The area's code, unique within its level.
    public var code: String
    /// The area's name, e.g. 水川社区.
    public var name: String

    /// Creates an area.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
