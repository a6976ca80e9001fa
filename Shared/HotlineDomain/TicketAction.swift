/// Something that happens to a ticket and may change its status; see ``TicketLifecycle``.
public enum TicketAction: Sendable, Hashable {
    /// The router (or a re-route) assigned a handler.
    case assign
    /// The handler accepted the ticket.
    case accept
    /// The handler reported progress.
    case progress
    /// The handler says the problem is solved.
    case resolve
    /// The resident rated the result (评单).
    case rate(RatingScore)
    /// The ticket is reopened for another attempt (重办).
    case reopen
    /// The ticket is closed without (or after) a rating, e.g. when the rating window ran out.
    case close
    /// The ticket is withdrawn.
    case cancel
    /// No route was found; a person must dispatch it.
    case markUnroutable
    /// The ticket is linked to an earlier one about the same problem.
    case markDuplicate
    /// A department returned the ticket (退单) and it is routed again.
    case returnTicket
    /// A return waits for the centre's review (catalog `returns.review`).
    case holdReturn
    /// The centre refuses a return: the ticket goes back to the party that returned it.
    case rejectReturn
    /// The ticket climbs a level (street or district centre); the status stays.
    case escalate
    /// An operator dispatched the ticket by hand.
    case manualDispatch
    /// The duplicate link is undone; the ticket is handled on its own again.
    case unlinkDuplicate

    /// The action's name for messages and logs, e.g. `rate(3)` or `return`.
    public var name: String {
        switch self {
        case .assign: "assign"
        case .accept: "accept"
        case .progress: "progress"
        case .resolve: "resolve"
        case .rate(let score): "rate(\(score.rawValue))"
        case .reopen: "reopen"
        case .close: "close"
        case .cancel: "cancel"
        case .markUnroutable: "markUnroutable"
        case .markDuplicate: "markDuplicate"
        case .returnTicket: "return"
        case .holdReturn: "return"
        case .rejectReturn: "rejectReturn"
        case .escalate: "escalate"
        case .manualDispatch: "manualDispatch"
        case .unlinkDuplicate: "unlinkDuplicate"
        }
    }

    /// Every action, with each rating score, for exhaustive tests and tables.
    public static let all: [TicketAction] = [
        .assign, .accept, .progress, .resolve, .rate(.satisfied), .rate(.basicallySatisfied),
        .rate(.dissatisfied), .reopen, .close, .cancel, .markUnroutable, .markDuplicate, .returnTicket,
        .holdReturn, .rejectReturn, .escalate, .manualDispatch, .unlinkDuplicate,
    ]
}
