/// A snapshot of a ``PostgresPool``'s use, for metrics and readiness pages.
public struct PostgresPoolStatistics: Sendable, Equatable {
    /// The pool's configured number of connections.
    public var size: Int
    /// Connections checked out right now (running or about to run a body).
    public var inUse: Int
    /// Callers queued for a connection because all of them are in use.
    public var waiting: Int
    /// Connections currently open to the server (connections open lazily).
    public var open: Int

    /// Creates a snapshot.
    public init(size: Int, inUse: Int, waiting: Int, open: Int) {
        self.size = size
        self.inUse = inUse
        self.waiting = waiting
        self.open = open
    }
}
