import Foundation

/// A ticket as Open311 shows it, with the id of its public photo.
public struct Open311Request: Sendable {
    /// The ticket.
    public var ticket: Ticket
    /// Its public photo's attachment id, if any.
    public var photo: String?

    /// A request.
    public init(ticket: Ticket, photo: String?) {
        self.ticket = ticket
        self.photo = photo
    }
}
