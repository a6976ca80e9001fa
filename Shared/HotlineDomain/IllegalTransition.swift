/// An action that the current status does not allow, e.g. rating a closed ticket or a stale
/// message arriving after the ticket moved on.
public struct IllegalTransition: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ticket's status when the action arrived.
    public var from: TicketStatus
    /// The action refused.
    public var action: TicketAction

    /// Creates the error.
    public init(from: TicketStatus, action: TicketAction) {
        self.from = from
        self.action = action
    }

    /// E.g. `cannot rate(1) a ticket that is closed`.
    public var description: String {
        "cannot \(self.action.name) a ticket that is \(self.from.rawValue)"
    }
}
