/// Whether the router found someone to handle a ticket.
public enum RoutingOutcome: String, Codable, Sendable, CaseIterable {
    /// A grid and a handler were found.
    case routed
    /// No route; a person must dispatch the ticket by hand.
    case unroutable
}
