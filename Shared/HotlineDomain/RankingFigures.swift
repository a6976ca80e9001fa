import Foundation

/// One group's counts over a period (a street, a community or a department), with the three
/// rates defined exactly as `GET /v1/stats` defines them:
/// 响应率 = respondedOnTime / dispatched, 解决率 = resolved / dispatched,
/// 满意率 = satisfied / rated (each `nil` when its divisor is 0). A rating verified by the
/// follow-up call (回访复核) counts in place of the resident's own score.
///
/// Deadlines are the ticket's current ones: an approved extension has already moved
/// `resolveBy`, and a resume has moved both deadlines by the paused time; ``add(_:)`` judges
/// a ticket still paused by ``SupervisionClock/effectiveDeadline(_:pausedAt:now:)``.
public struct RankingFigures: Sendable, Equatable {
    /// The group's code.
    public var code: String
    /// The group's name, when the jurisdiction knows it.
    public var name: String?
    /// Tickets taken.
    public var received = 0
    /// Tickets assigned to a handler at least once.
    public var dispatched = 0
    /// Accepted (or resolved) by respond-by.
    public var respondedOnTime = 0
    /// Resolved at least once (or closed with a rating).
    public var resolved = 0
    /// Resolved by resolve-by.
    public var resolvedOnTime = 0
    /// Rated by the resident.
    public var rated = 0
    /// Rated 1 (satisfied) or 2 (basically satisfied), the verified score where there is one.
    public var satisfied = 0
    /// Ratings checked by a follow-up call (回访复核).
    public var verified = 0
    /// Of those, where the call found another score than the resident gave.
    public var overturned = 0
    /// Returns (退单) the group made (departments: each return counts once).
    public var returns = 0

    /// Empty figures of a group.
    public init(code: String, name: String? = nil) {
        self.code = code
        self.name = name
    }

    /// What the figures need of one ticket.
    public struct TicketFacts: Sendable {
        /// When it was first assigned (`nil`: never dispatched).
        public var assignedAt: Date?
        /// When the handler accepted it (or resolved it without accepting).
        public var respondedAt: Date?
        /// Respond-by, as currently stored.
        public var respondBy: Date?
        /// When it was resolved.
        public var resolvedAt: Date?
        /// Resolve-by, as currently stored (moved by approved extensions and resumes).
        public var resolveBy: Date?
        /// Set while an approved pause stops the clock.
        public var pausedAt: Date?
        /// Closed (counts as resolved when rated even without a resolve time).
        public var closed: Bool
        /// The resident's score, 1-3.
        public var rating: Int?
        /// The follow-up call's verified score, 1-3.
        public var verifiedRating: Int?

        /// Facts of one ticket.
        public init(
            assignedAt: Date?, respondedAt: Date? = nil, respondBy: Date? = nil, resolvedAt: Date? = nil, resolveBy: Date? = nil,
            pausedAt: Date? = nil, closed: Bool = false, rating: Int? = nil, verifiedRating: Int? = nil
        ) {
            self.assignedAt = assignedAt
            self.respondedAt = respondedAt
            self.respondBy = respondBy
            self.resolvedAt = resolvedAt
            self.resolveBy = resolveBy
            self.pausedAt = pausedAt
            self.closed = closed
            self.rating = rating
            self.verifiedRating = verifiedRating
        }
    }

    /// Counts one ticket, as the stats' SQL does; `now` judges the clock of a ticket still paused.
    public mutating func add(_ ticket: TicketFacts, now: Date) {
        self.received += 1
        if ticket.assignedAt != nil { self.dispatched += 1 }
        if let responded = ticket.respondedAt,
            let by = SupervisionClock.effectiveDeadline(ticket.respondBy, pausedAt: ticket.pausedAt, now: now), responded <= by
        {
            self.respondedOnTime += 1
        }
        if ticket.resolvedAt != nil || (ticket.closed && ticket.rating != nil) { self.resolved += 1 }
        if let resolvedAt = ticket.resolvedAt,
            let by = SupervisionClock.effectiveDeadline(ticket.resolveBy, pausedAt: ticket.pausedAt, now: now), resolvedAt <= by
        {
            self.resolvedOnTime += 1
        }
        if let rating = ticket.rating {
            self.rated += 1
            let counted = ticket.verifiedRating ?? rating
            if counted == 1 || counted == 2 { self.satisfied += 1 }
            if let verified = ticket.verifiedRating {
                self.verified += 1
                if verified != rating { self.overturned += 1 }
            }
        }
    }

    /// 响应率, or `nil` when nothing was dispatched.
    public var responseRate: Double? { Self.rate(self.respondedOnTime, self.dispatched) }
    /// 解决率, or `nil` when nothing was dispatched.
    public var resolutionRate: Double? { Self.rate(self.resolved, self.dispatched) }
    /// 满意率, or `nil` when nothing was rated.
    public var satisfactionRate: Double? { Self.rate(self.satisfied, self.rated) }

    /// `a / b` rounded to 4 decimals as the stats write it; `nil` when `b` is 0.
    public static func rate(_ a: Int, _ b: Int) -> Double? {
        b == 0 ? nil : (Double(a) / Double(b) * 10_000).rounded() / 10_000
    }
}
