import Foundation

/// One stored ticket as the what-if replay reads it: what the router was asked, and what
/// actually happened to it (when it was responded to and resolved, its rating), so that the
/// same history can be judged under other deadlines.
public struct ReplayTicket: Sendable {
    /// What was stored on the ticket when routing last decided it (for "what the replay could
    /// not explain").
    public struct Stored: Sendable, Hashable {
        /// The category code as given or classified.
        public var category: String?
        /// The grid code, nil when none.
        public var grid: String?
        /// The handler kind, nil when unroutable.
        public var handler: HandlerKind?
        /// The lead department's code.
        public var leadDepartment: String?
        /// The urgency in force.
        public var urgency: Urgency?
        /// Respond-by as stored (an approved extension moves resolve-by only).
        public var respondBy: Date?
        /// Resolve-by as stored.
        public var resolveBy: Date?
        /// The jurisdiction version that routed it; nil for a ticket routed before versions were kept.
        public var jurisdictionVersion: Int?
        /// How often departments returned it.
        public var returnCount: Int

        /// Creates the stored routing.
        public init(
            category: String? = nil, grid: String? = nil, handler: HandlerKind? = nil, leadDepartment: String? = nil, urgency: Urgency? = nil,
            respondBy: Date? = nil, resolveBy: Date? = nil, jurisdictionVersion: Int? = nil, returnCount: Int = 0
        ) {
            self.category = category
            self.grid = grid
            self.handler = handler
            self.leadDepartment = leadDepartment
            self.urgency = urgency
            self.respondBy = respondBy
            self.resolveBy = resolveBy
            self.jurisdictionVersion = jurisdictionVersion
            self.returnCount = returnCount
        }
    }

    /// The ticket number, e.g. 12345-20261128-000001 (what the report lists).
    public var number: String
    /// When it was received: routing and deadlines count from here.
    public var createdAt: Date
    /// What the router is asked, as when the ticket came in (household tag included).
    public var request: RoutingRequest
    /// Its status now (`TicketStatus`'s raw value; kept as text so that statuses added later
    /// replay too).
    public var status: String
    /// Whether it was assigned to a handler at least once (the divisor of /v1/stats' rates).
    public var dispatched: Bool
    /// When it was accepted (or resolved), if it was.
    public var respondedAt: Date?
    /// Whether it counts as resolved in /v1/stats (resolved at least once, or closed rated).
    public var resolved: Bool
    /// When it was resolved, if it was.
    public var resolvedAt: Date?
    /// When it was closed or cancelled, if it was: an end to its open time.
    public var closedAt: Date?
    /// The resident's rating (1 satisfied, 2 basically, 3 dissatisfied).
    public var rating: Int?
    /// What the ticket holds now.
    public var stored: Stored

    /// Creates a replay ticket.
    public init(
        number: String, createdAt: Date, request: RoutingRequest, status: String, dispatched: Bool = false,
        respondedAt: Date? = nil, resolved: Bool = false, resolvedAt: Date? = nil, closedAt: Date? = nil, rating: Int? = nil,
        stored: Stored = Stored()
    ) {
        self.number = number
        self.createdAt = createdAt
        self.request = request
        self.status = status
        self.dispatched = dispatched
        self.respondedAt = respondedAt
        self.resolved = resolved
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.rating = rating
        self.stored = stored
    }

    /// Whether its open time is judged against its deadlines: not when it was cancelled, linked
    /// as a duplicate or answered on the call.
    var judged: Bool {
        !["cancelled", "duplicate", "answered"].contains(self.status)
    }

    /// When the ticket stopped being open (resolved, closed, cancelled), or `now` when it still is.
    func end(now: Date) -> Date {
        if let resolvedAt { return resolvedAt }
        if let closedAt { return closedAt }
        return now
    }
}
