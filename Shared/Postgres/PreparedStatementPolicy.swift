/// When ``PostgresConnection`` prepares a statement afresh, and whether it honours
/// ``PostgresPlanMode/generic``.
///
/// A prepared statement keeps its plan (and PostgreSQL's tally of custom against generic costs)
/// for the life of the session. `ANALYZE` of a table invalidates the plans over it, but a plan
/// made before the first `ANALYZE` of a growing table, and PostgreSQL's choice between custom and
/// generic plans made on a database's first rows, would stay. So a statement is deallocated and
/// prepared again on its next call after ``maxExecutions`` calls, or once it is ``firstAge`` old;
/// each time it is prepared afresh on the session it may grow twice as old, up to ``maxAge``
/// (15 s, 30 s, 1 min ... 16 min): often while the tables grow after a start, rarely after.
/// Preparing afresh costs a plan (five for an ``PostgresPlanMode/automatic`` statement).
///
/// The services set it from `POSTGRES_GENERIC_PLANS` and `POSTGRES_REPREPARE_SECONDS`
/// (`HotlineSettings`).
public struct PreparedStatementPolicy: Sendable {
    /// Calls after which a statement is prepared afresh.
    public var maxExecutions: Int
    /// Age after which a statement is prepared afresh the first time.
    public var firstAge: Duration
    /// The longest age a statement reaches before it is prepared afresh.
    public var maxAge: Duration
    /// `false` runs every statement with PostgreSQL's own choice of plans.
    public var genericPlans: Bool

    /// A policy; the defaults are the services' defaults.
    public init(
        maxExecutions: Int = 10_000, firstAge: Duration = .seconds(15), maxAge: Duration = .seconds(960), genericPlans: Bool = true
    ) {
        self.maxExecutions = maxExecutions
        self.firstAge = min(firstAge, maxAge)
        self.maxAge = maxAge
        self.genericPlans = genericPlans
    }
}
