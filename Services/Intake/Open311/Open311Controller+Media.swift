import CaseStore
import Foundation
import Hummingbird
import Postgres

extension Open311Controller {
    /// The photos that may be shown to anyone, by ticket id: the first one the Open311 client
    /// itself attached (its EXIF, where a position hides, was stripped on upload) to a ticket
    /// that is public (``publicCondition``). Staff photos never are: they may show a resident,
    /// a home or a position.
    static func publicPhotos(of ticketIds: [String], on connection: PostgresConnection) throws -> [String: String] {
        guard !ticketIds.isEmpty else { return [:] }
        var photos: [String: String] = [:]
        for row in try connection.query(
            """
            SELECT DISTINCT ON (a.ticket_id) a.ticket_id::text AS ticket, a.id::text AS id
            FROM attachments a JOIN tickets ON tickets.id = a.ticket_id
            WHERE a.ticket_id = ANY($1::text[]::uuid[]) AND a.uploader_role = 'open311' AND \(Self.publicCondition)
            ORDER BY a.ticket_id, a.created_at, a.id
            """,
            [ticketIds]
        ) {
            photos[try row.decode("ticket", as: String.self)] = try row.decode("id", as: String.self)
        }
        return photos
    }

    /// The absolute URL `media_url` starts with (GeoReport clients fetch it as it stands).
    static func mediaBase(_ request: Request) -> String {
        "http://\(request.head.authority ?? "localhost")/open311/v2/media/"
    }

    /// `GET /open311/v2/media/{id}`: a public photo's bytes, without a key; 404 for any other
    /// attachment, as if it did not exist.
    func media(_ request: Request, _ id: String) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw APIError.notFound("media \(id) not found") }
        let storage = self.attachments
        let found = try await self.tickets.database { connection -> (Data, String)? in
            guard
                let row = try connection.query(
                    """
                    SELECT a.content_type FROM attachments a JOIN tickets ON tickets.id = a.ticket_id
                    WHERE a.id = $1::uuid AND a.uploader_role = 'open311' AND \(Self.publicCondition)
                    """,
                    [id]
                ).first,
                let bytes = try storage.get(id: id, on: connection)
            else { return nil }
            return (bytes, try row.decode("content_type", as: String.self))
        }
        guard let (bytes, type) = found else { throw APIError.notFound("media \(id) not found") }
        return Response(
            status: .ok,
            headers: [.contentType: type, .init("X-Content-Type-Options")!: "nosniff", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
