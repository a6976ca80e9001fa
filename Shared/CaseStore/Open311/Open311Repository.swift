import Foundation
import HotlineDomain

/// Open311 GeoReport v2's storage: requests submitted through it are marked public; anyone
/// reads those (and the first photo their client attached), an operator's key every ticket.
public protocol Open311Repository: Sendable {
    /// Creates `new` and marks it submitted through Open311 (public).
    func submit(_ new: NewTicket, promisedBy: Date?) async throws -> Ticket
    /// The tickets matching `filter`, newest first, at most 1,000.
    func requests(_ filter: Open311Filter) async throws -> [Open311Request]
    /// Ticket `idOrNumber` with its public photo; nil when unknown, or not public unless `all`.
    func request(_ idOrNumber: String, all: Bool) async throws -> Open311Request?
    /// Ticket `id`; nil when unknown, or not public unless `all`.
    func ticket(_ id: String, all: Bool) async throws -> Ticket?
    /// The bytes and type of a public photo (one the Open311 client attached to a public
    /// ticket); nil for any other attachment.
    func media(_ id: String) async throws -> (bytes: Data, contentType: String)?
}

/// GET requests' filters (GeoReport's `service_request_id`, `service_code`, dates, `status`).
public struct Open311Filter: Sendable {
    /// Every ticket (an operator's key) or only public ones.
    public var all: Bool
    /// Ticket numbers.
    public var numbers: [String]?
    /// Category codes.
    public var categories: [String]?
    /// Received at or after.
    public var start: Date?
    /// Received at or before.
    public var end: Date?
    /// Ticket statuses (GeoReport's open and closed, expanded).
    public var statuses: [String]?

    /// A filter.
    public init(all: Bool, numbers: [String]?, categories: [String]?, start: Date?, end: Date?, statuses: [String]?) {
        (self.all, self.numbers, self.categories, self.start, self.end, self.statuses) = (all, numbers, categories, start, end, statuses)
    }
}

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
