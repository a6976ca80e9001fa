import Foundation
import HotlineDomain
import Synchronization

/// ``Open311Repository`` on ``InMemoryCases``, for router tests: the submitted tickets are the
/// public ones (channel `web`, no household, not a check-in), photos are added by the test
/// (``addPhoto(to:bytes:contentType:)``).
public final class InMemoryOpen311: Open311Repository {
    private struct Photo {
        var id: String
        var ticketId: String
        var bytes: Data
        var contentType: String
    }

    private let cases: InMemoryCases
    private let submitted = Mutex<Set<String>>([])
    private let photos = Mutex<[Photo]>([])

    /// Open311 over the tickets of `cases`.
    public init(cases: InMemoryCases) {
        self.cases = cases
    }

    /// Adds a photo the Open311 client attached to ticket `id`; answers its id.
    @discardableResult
    public func addPhoto(to id: String, bytes: Data, contentType: String) -> String {
        let photo = Photo(id: UUID().uuidString.lowercased(), ticketId: id, bytes: bytes, contentType: contentType)
        self.photos.withLock { $0.append(photo) }
        return photo.id
    }

    public func submit(_ new: NewTicket, promisedBy: Date?) async throws -> Ticket {
        let ticket = try await self.cases.create(new, promisedBy: promisedBy)
        _ = self.submitted.withLock { $0.insert(ticket.id) }
        return ticket
    }

    public func requests(_ filter: Open311Filter) async throws -> [Open311Request] {
        self.cases.tickets.filter { ticket in
            (filter.all || self.isPublic(ticket)) && (filter.numbers.map { $0.contains(ticket.number) } ?? true)
                && (filter.categories.map { ticket.category.map($0.contains) ?? false } ?? true)
                && (filter.start.map { ticket.createdAt >= $0 } ?? true) && (filter.end.map { ticket.createdAt <= $0 } ?? true)
                && (filter.statuses.map { $0.contains(ticket.status.rawValue) } ?? true)
        }.prefix(1000).map { Open311Request(ticket: $0, photo: self.photo(of: $0)) }
    }

    public func request(_ idOrNumber: String, all: Bool) async throws -> Open311Request? {
        guard let ticket = try await self.ticket(idOrNumber, all: all) else { return nil }
        return Open311Request(ticket: ticket, photo: self.photo(of: ticket))
    }

    public func ticket(_ id: String, all: Bool) async throws -> Ticket? {
        guard let ticket = try await self.cases.find(id)?.ticket, all || self.isPublic(ticket) else { return nil }
        return ticket
    }

    public func media(_ id: String) async throws -> (bytes: Data, contentType: String)? {
        guard let photo = self.photos.withLock({ $0.first { $0.id == id.lowercased() } }),
            let ticket = try await self.cases.find(photo.ticketId)?.ticket, self.isPublic(ticket)
        else { return nil }
        return (photo.bytes, photo.contentType)
    }

    private func isPublic(_ ticket: Ticket) -> Bool {
        self.submitted.withLock { $0.contains(ticket.id) } && ticket.channel == .web && ticket.routing?.household == nil
            && ticket.category != "wellbeing_check"
    }

    private func photo(of ticket: Ticket) -> String? {
        guard self.isPublic(ticket) else { return nil }
        return self.photos.withLock { $0.first { $0.ticketId == ticket.id }?.id }
    }
}
