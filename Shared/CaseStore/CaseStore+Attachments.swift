import Foundation
import HotlineDomain
import Postgres

extension CaseStore {
    /// Records a photo on ticket `ticketId` (already checked readable by the caller) and stores
    /// its bytes; returns it.
    public func attach(
        _ bytes: Data, kind: ImageKind, to ticketId: String, by name: String, role: String, party: String?,
        storage: any AttachmentStorage, on connection: PostgresConnection
    ) throws -> Attachment {
        let id = UUID().uuidString.lowercased()
        let rows = try connection.query(
            """
            INSERT INTO attachments (id, ticket_id, content_type, size, sha256, uploaded_by, uploader_role, party)
            VALUES ($1::uuid, $2::uuid, $3, $4, encode(sha256($5::bytea), 'hex'), $6, $7, $8) RETURNING created_at
            """,
            [id, ticketId, kind.rawValue, bytes.count, bytes, name, role, party]
        )
        try storage.put(id: id, bytes: bytes, on: connection)
        return Attachment(
            id: id, url: Attachment.url(id), contentType: kind.rawValue, size: bytes.count, uploadedBy: name, role: role, party: party,
            createdAt: try rows[0].decode("created_at", as: Date.self)
        )
    }

    /// The photos of a ticket, oldest first.
    public func attachments(of ticketId: String, on connection: PostgresConnection) throws -> [Attachment] {
        try connection.query(
            """
            SELECT id::text AS id, content_type, size, uploaded_by, uploader_role, party, created_at FROM attachments
            WHERE ticket_id = $1::uuid ORDER BY created_at, id
            """,
            [ticketId]
        ).map { row in
            let id = try row.decode("id", as: String.self)
            return Attachment(
                id: id, url: Attachment.url(id), contentType: try row.decode("content_type", as: String.self),
                size: try row.decode("size", as: Int.self), uploadedBy: try row.decode("uploaded_by", as: String.self),
                role: try row.decode("uploader_role", as: String.self), party: try row.decode("party", as: String?.self),
                createdAt: try row.decode("created_at", as: Date.self)
            )
        }
    }

    /// The ticket and type of attachment `id`, nil when there is none.
    public func attachmentTicket(_ id: String, on connection: PostgresConnection) throws -> (ticketId: String, contentType: String)? {
        guard UUID(uuidString: id) != nil,
            let row = try connection.query("SELECT ticket_id::text AS t, content_type FROM attachments WHERE id = $1::uuid", [id]).first
        else { return nil }
        return (try row.decode("t", as: String.self), try row.decode("content_type", as: String.self))
    }

    /// Refuses a resolve of a `resolvePhoto` category until `party` attached a photo (回执照片).
    func requirePhoto(_ ticket: Ticket, party: String, using snapshot: JurisdictionSnapshot, on connection: PostgresConnection) throws {
        guard let code = ticket.category, snapshot.category(code)?.resolvePhoto == true else { return }
        let found = try connection.query("SELECT 1 FROM attachments WHERE ticket_id = $1::uuid AND party = $2 LIMIT 1", [ticket.id, party])
        guard found.isEmpty else { return }
        throw CaseError.photoRequired
    }
}
