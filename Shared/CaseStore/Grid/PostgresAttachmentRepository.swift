import Foundation
import HotlineDomain
import Postgres

/// ``AttachmentRepository`` on PostgreSQL: the ticket, the access check and the photo in one
/// transaction, the bytes in `storage`.
public struct PostgresAttachmentRepository: AttachmentRepository {
    let pool: PostgresPool
    let store: CaseStore
    let storage: any AttachmentStorage

    /// A repository over `pool`, keeping the bytes in `storage`.
    public init(pool: PostgresPool, store: CaseStore, storage: any AttachmentStorage) {
        self.pool = pool
        self.store = store
        self.storage = storage
    }

    public func attach(_ photo: Data, kind: ImageKind, to id: String, by name: String, role: String, access: AttachmentAccess) async throws -> Attachment {
        let (store, storage) = (self.store, self.storage)
        return try await self.pool.transaction { connection -> Attachment in
            guard let ticket = try store.find(id, on: connection), try Self.reaches(access, ticket, on: connection) else {
                throw CaseError.notFound(id)
            }
            return try store.attach(
                photo, kind: kind, to: ticket.id, by: name, role: role, party: access.party(ticket), storage: storage, on: connection
            )
        }
    }

    public func photo(_ id: String, access: AttachmentAccess) async throws -> (bytes: Data, contentType: String)? {
        let (store, storage) = (self.store, self.storage)
        return try await self.pool.transaction { connection -> (bytes: Data, contentType: String)? in
            guard let stored = try store.attachmentTicket(id, on: connection),
                let ticket = try store.find(stored.ticketId, on: connection), try Self.reaches(access, ticket, on: connection),
                let bytes = try storage.get(id: id, on: connection)
            else { return nil }
            return (bytes, stored.contentType)
        }
    }

    /// Whether `access` reaches `ticket`: for an Open311 client, a ticket submitted through Open311.
    static func reaches(_ access: AttachmentAccess, _ ticket: Ticket, on connection: PostgresConnection) throws -> Bool {
        if access.open311Only {
            return try !connection.query("SELECT 1 FROM open311_requests WHERE ticket_id = $1::uuid", [ticket.id]).isEmpty
        }
        return access.mayRead(ticket)
    }
}
