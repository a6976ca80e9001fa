import HotlineDomain

/// Why a case operation was refused; the HTTP layer maps each to a status code.
public enum CaseError: Error, CustomStringConvertible, Equatable {
    /// No ticket with that id or number (404).
    case notFound(String)
    /// The state machine forbids the action in the current state (409).
    case illegal(action: String, status: TicketStatus)
    /// The actor is not the assigned party (403).
    case notAssigned(actor: String)
    /// The request names something that does not exist or cannot apply (400).
    case invalid(field: String, message: String)
    /// The request conflicts with the ticket's state or a catalog rule (409), with a code.
    case refused(code: String, message: String)
    /// A stored value could not be read back.
    case corrupt(String)
    /// The category needs a photo by the resolving party before a resolve (409).
    case photoRequired

    public var description: String {
        switch self {
        case .notFound(let id): "ticket \(id) not found"
        case .illegal(let action, let status): "cannot \(action) a ticket that is \(status.rawValue)"
        case .notAssigned(let actor): "\(actor) is not assigned to this ticket"
        case .invalid(let field, let message): "\(field): \(message)"
        case .refused(_, let message): message
        case .corrupt(let what): "stored value unreadable: \(what)"
        case .photoRequired: "this category needs a photo by the resolving party before it is resolved"
        }
    }
}
