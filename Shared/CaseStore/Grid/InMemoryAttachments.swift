import Foundation
import HotlineDomain
import Synchronization

/// ``AttachmentRepository`` on ``InMemoryCases``, for router tests: photos in a dictionary;
/// an Open311 client reaches the tickets marked with ``markOpen311(_:)``.
public final class InMemoryAttachments: AttachmentRepository {
    private struct Stored {
        var attachment: Attachment
        var ticketId: String
        var bytes: Data
    }

    private let cases: InMemoryCases
    private let stored = Mutex<[String: Stored]>([:])
    private let open311 = Mutex<Set<String>>([])

    /// Photos on the tickets of `cases`.
    public init(cases: InMemoryCases) {
        self.cases = cases
    }

    /// Marks ticket `id` as submitted through Open311.
    public func markOpen311(_ id: String) {
        _ = self.open311.withLock { $0.insert(id) }
    }

    /// The photos of ticket `id`, oldest first.
    public func attachments(of id: String) -> [Attachment] {
        self.stored.withLock { $0.values.filter { $0.ticketId == id }.map(\.attachment) }.sorted { $0.createdAt < $1.createdAt }
    }

    public func attach(_ photo: Data, kind: ImageKind, to id: String, by name: String, role: String, access: AttachmentAccess) async throws -> Attachment {
        guard let ticket = try await self.cases.find(id)?.ticket, self.reaches(access, ticket) else { throw CaseError.notFound(id) }
        let attachmentId = UUID().uuidString.lowercased()
        let attachment = Attachment(
            id: attachmentId, url: Attachment.url(attachmentId), contentType: kind.rawValue, size: photo.count, uploadedBy: name, role: role,
            party: access.party(ticket), createdAt: Date()
        )
        self.stored.withLock { $0[attachmentId] = Stored(attachment: attachment, ticketId: ticket.id, bytes: photo) }
        return attachment
    }

    public func photo(_ id: String, access: AttachmentAccess) async throws -> (bytes: Data, contentType: String)? {
        guard let stored = self.stored.withLock({ $0[id.lowercased()] }), let ticket = try await self.cases.find(stored.ticketId)?.ticket,
            self.reaches(access, ticket)
        else { return nil }
        return (stored.bytes, stored.attachment.contentType)
    }

    private func reaches(_ access: AttachmentAccess, _ ticket: Ticket) -> Bool {
        access.open311Only ? self.open311.withLock { $0.contains(ticket.id) } : access.mayRead(ticket)
    }
}
