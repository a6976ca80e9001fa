/// A `NOTIFY` received by ``PostgresListener``.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload (empty when none was given).
    public var payload: String

    /// Creates a notification value.
    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}
