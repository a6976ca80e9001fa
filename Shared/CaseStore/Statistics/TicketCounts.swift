import Foundation

/// One group's volumes over the tickets created in a period, as `GET /v1/stats` counts them.
public struct TicketCounts: Sendable, Equatable {
    /// The group's code (a street, a grid, a lead department), `""` for tickets without one.
    public var key: String
    /// Tickets taken.
    public var received = 0
    /// Assigned to a handler at least once.
    public var dispatched = 0
    /// Accepted (or resolved) by respond-by.
    public var respondedOnTime = 0
    /// Resolved at least once (or closed with a rating without an answer from an article).
    public var resolved = 0
    /// Resolved by resolve-by.
    public var resolvedOnTime = 0
    /// Rated by the resident.
    public var rated = 0
    /// Rated 1 or 2 (the verified rating when there is one).
    public var satisfied = 0
    /// Answered on the call from a knowledge article.
    public var answered = 0

    /// A group with nothing counted yet.
    public init(key: String) {
        self.key = key
    }
}
