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
