/// The ticket state machine: which actions each status allows, and the status that follows.
///
/// | from \ action | legal actions -> next status |
/// |---|---|
/// | received   | assign, manualDispatch -> assigned; markUnroutable -> unroutable; markDuplicate -> duplicate; cancel -> cancelled |
/// | unroutable | assign, manualDispatch -> assigned; escalate -> unroutable; markDuplicate -> duplicate; cancel -> cancelled |
/// | assigned   | accept, progress -> accepted; resolve -> resolved; returnTicket, manualDispatch, escalate -> assigned; holdReturn -> returned; markUnroutable -> unroutable (returned with no candidate left); markDuplicate -> duplicate; cancel -> cancelled |
/// | accepted   | progress, escalate -> accepted; resolve -> resolved; returnTicket, manualDispatch -> assigned; holdReturn -> returned; markUnroutable -> unroutable; cancel -> cancelled |
/// | resolved   | rate(satisfied), rate(basicallySatisfied), close -> closed; rate(dissatisfied), reopen -> assigned |
/// | answered   | rate(satisfied), rate(basicallySatisfied) -> closed; rate(dissatisfied) -> received (routed as a normal ticket) |
/// | returned   | manualDispatch, rejectReturn -> assigned; cancel -> cancelled |
/// | duplicate  | unlinkDuplicate -> received; close (its original closed) -> closed; cancel -> cancelled |
/// | closed     | none (terminal; rating a closed ticket is illegal) |
/// | cancelled  | none (terminal) |
///
/// Progress on an assigned ticket implies acceptance. Every other pair throws
/// ``IllegalTransition``, which is also how a stale or repeated message is refused.
public enum TicketLifecycle {
    /// The status after `action` on a ticket in `status`.
    public static func next(from status: TicketStatus, on action: TicketAction) throws -> TicketStatus {
        guard let next = self.table(status, action) else {
            throw IllegalTransition(from: status, action: action)
        }
        return next
    }

    /// Whether `action` is legal in `status`.
    public static func allows(_ action: TicketAction, from status: TicketStatus) -> Bool {
        self.table(status, action) != nil
    }

    /// The table of the doc comment; `nil` is illegal.
    private static func table(_ status: TicketStatus, _ action: TicketAction) -> TicketStatus? {
        switch (status, action) {
        case (.received, .assign), (.received, .manualDispatch): .assigned
        case (.received, .markUnroutable): .unroutable
        case (.received, .markDuplicate): .duplicate
        case (.received, .cancel): .cancelled

        case (.unroutable, .assign), (.unroutable, .manualDispatch): .assigned
        case (.unroutable, .escalate): .unroutable
        case (.unroutable, .markDuplicate): .duplicate
        case (.unroutable, .cancel): .cancelled

        case (.assigned, .accept), (.assigned, .progress): .accepted
        case (.assigned, .resolve): .resolved
        case (.assigned, .returnTicket), (.assigned, .manualDispatch), (.assigned, .escalate): .assigned
        case (.assigned, .holdReturn): .returned
        case (.assigned, .markUnroutable): .unroutable
        case (.assigned, .markDuplicate): .duplicate
        case (.assigned, .cancel): .cancelled

        case (.accepted, .progress), (.accepted, .escalate): .accepted
        case (.accepted, .resolve): .resolved
        case (.accepted, .returnTicket), (.accepted, .manualDispatch): .assigned
        case (.accepted, .holdReturn): .returned
        case (.accepted, .markUnroutable): .unroutable
        case (.accepted, .cancel): .cancelled

        case (.resolved, .rate(let score)): score.closesTicket ? .closed : .assigned
        case (.resolved, .close): .closed
        case (.resolved, .reopen): .assigned

        case (.answered, .rate(let score)): score.closesTicket ? .closed : .received
        case (.returned, .manualDispatch), (.returned, .rejectReturn): .assigned
        case (.returned, .cancel): .cancelled

        case (.duplicate, .unlinkDuplicate): .received
        case (.duplicate, .close): .closed
        case (.duplicate, .cancel): .cancelled

        default: nil
        }
    }
}
