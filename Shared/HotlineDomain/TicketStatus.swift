/// Where a ticket stands in its life; see ``TicketLifecycle`` for the legal moves.
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    /// Taken by intake, not yet routed.
    case received
    /// Routed to a grid, community, secretary or department; also a reopened ticket.
    case assigned
    /// The handler has accepted it and is working on it.
    case accepted
    /// The handler says it is solved; waiting for the resident's rating.
    case resolved
    /// Finished for good.
    case closed
    /// No route was found; waiting for a person to dispatch it by hand.
    case unroutable
    /// Withdrawn.
    case cancelled
    /// Linked to an earlier open ticket about the same problem.
    case duplicate
    /// Answered on the call from a knowledge article (直接答复): never routed; a dissatisfied
    /// rating turns it into a normal ticket (`received`, then routed).
    case answered
    /// Returned by its handler (退单) and waiting for the centre's review (catalog
    /// `returns.review`): re-dispatched, or the return rejected back to the handler.
    case returned

    /// Whether nothing can happen to a ticket in this status any more.
    public var isTerminal: Bool {
        self == .closed || self == .cancelled
    }

    /// Whether the ticket still waits for someone to act (it counts against deadlines).
    public var isOpen: Bool {
        switch self {
        case .received, .assigned, .accepted, .unroutable, .returned: true
        case .resolved, .closed, .cancelled, .duplicate, .answered: false
        }
    }
}
