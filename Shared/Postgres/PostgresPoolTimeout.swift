/// No pooled connection came free within the pool's `acquireTimeout`: the caller's body never
/// ran, so nothing was written. Services answer it as "busy, retry later" (HTTP 503).
public struct PostgresPoolTimeout: Error, CustomStringConvertible, Sendable {
    /// Creates the error.
    public init() {}

    public var description: String { "timed out waiting for a pooled PostgreSQL connection" }
}
