/// A sealed daily root of the history chain (issue 18 point 7): the local day, its event count
/// and the SHA-256 root.
public struct SealedRoot: Codable, Sendable, Equatable {
    public var day: String
    public var events: Int
    public var root: String

    public init(day: String, events: Int, root: String) {
        (self.day, self.events, self.root) = (day, events, root)
    }
}
