/// A sealed daily root of the history chain (issue 18 point 7): the local day, its event count
/// and the SHA-256 root.
public struct SealedRoot: Codable, Sendable, Equatable {
    /// The local day, `YYYY-MM-DD`.
    public var day: String
    /// Events sealed that day.
    public var events: Int
    /// The SHA-256 root, hex.
    public var root: String

    /// A sealed root.
    public init(day: String, events: Int, root: String) {
        (self.day, self.events, self.root) = (day, events, root)
    }
}
