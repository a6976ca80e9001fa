/// The offer of a service order (a ticket of a volunteer category) to the volunteers of its
/// community with the skill, and who takes it: the state the store applies under the ticket's
/// row lock. Pure: whether a take wins is decided here from what the row holds; that only one
/// take wins when two arrive at once is the database's (a conditional update on the row).
///
/// | ticket            | take by an offered volunteer | take by hand (secretary) | take by anyone else |
/// |---|---|---|---|
/// | assigned, no taker | ``TakeOutcome/taken``      | ``TakeOutcome/taken``    | ``TakeOutcome/notOffered`` |
/// | taken by the same  | ``TakeOutcome/alreadyYours`` | ``TakeOutcome/alreadyYours`` | - |
/// | taken by another   | ``TakeOutcome/takenByOther(_:)`` | ``TakeOutcome/takenByOther(_:)`` | ``TakeOutcome/takenByOther(_:)`` |
/// | any other status   | ``TakeOutcome/closed(_:)``  | ``TakeOutcome/closed(_:)`` | ``TakeOutcome/closed(_:)`` |
public struct VolunteerOffer: Sendable, Hashable {
    /// The ticket's status.
    public var status: TicketStatus
    /// The volunteer who took it, if anyone has.
    public var taker: String?
    /// The volunteers the order was offered to.
    public var offeredTo: Set<String>

    /// What a take comes to.
    public enum TakeOutcome: Sendable, Hashable {
        /// This volunteer now has the order.
        case taken
        /// This volunteer had already taken it (a repeated reply): nothing changes.
        case alreadyYours
        /// Another volunteer was first: nothing changes, the late one is told.
        case takenByOther(String)
        /// The order was not offered to this volunteer (another community, another skill).
        case notOffered
        /// The ticket is no longer waiting for a taker (resolved, closed, cancelled...).
        case closed(TicketStatus)

        /// Whether the take changes the ticket.
        public var wins: Bool { self == .taken }
    }

    /// An offer in this state.
    public init(status: TicketStatus, taker: String?, offeredTo: Set<String>) {
        self.status = status
        self.taker = taker
        self.offeredTo = offeredTo
    }

    /// What `volunteer` taking the order comes to; `byHand` is a secretary's (or operator's)
    /// assignment, which may give the order to a volunteer it was not offered to.
    public func take(by volunteer: String, byHand: Bool = false) -> TakeOutcome {
        if let taker = self.taker {
            return taker == volunteer ? .alreadyYours : .takenByOther(taker)
        }
        guard self.status == .assigned else { return .closed(self.status) }
        guard byHand || self.offeredTo.contains(volunteer) else { return .notOffered }
        return .taken
    }

    /// The offer after `volunteer` took it (unchanged when the take does not win).
    public func taken(by volunteer: String, byHand: Bool = false) -> VolunteerOffer {
        guard self.take(by: volunteer, byHand: byHand).wins else { return self }
        var next = self
        next.taker = volunteer
        next.status = .accepted
        return next
    }

    /// Whether the offer still waits for a taker: nobody took it and the ticket is assigned.
    public var isOpen: Bool { self.taker == nil && self.status == .assigned }
}
