import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// Photos on tickets (CONTRACTS section 10): `POST /v1/tickets/{id}/attachments` with the image
/// as the body, `GET /v1/attachments/{id}` for its bytes. The type is checked three times: the
/// `Content-Type` must be one of ``ImageKind`` (else 415), the body at most 5 MiB (else 413), and
/// the bytes must be that image by their magic number (else 400). EXIF (GPS) is kept only when
/// the uploader is staff.
struct AttachmentsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The database, for this area's SQL (not behind a repository yet).
    let database: Database
    /// The case operations.
    let store: CaseStore
    let storage: any AttachmentStorage

    /// The largest photo taken.
    static let maxBytes = 5 * 1024 * 1024

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/tickets/:id/attachments") { request, context in try await self.upload(request, context.parameters.require("id")) }
        router.get("v1/attachments/:id") { request, context in try await self.download(request, context.parameters.require("id")) }
    }

    static let roles: Set<Role> = [.operator_, .admin, .department, .grid, .secretary, .open311]

    private func upload(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, Self.roles)
        guard let declared = ImageKind(contentType: request.headers[.contentType] ?? "") else {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send image/jpeg, image/png or image/webp")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.maxBytes {
            throw APIError(status: .contentTooLarge, code: "too_large", message: "a photo is at most 5 MiB")
        }
        var bytes: [UInt8]
        do {
            bytes = Array(try await request.body.collect(upTo: Self.maxBytes).readableBytesView)
        } catch {
            throw APIError(status: .contentTooLarge, code: "too_large", message: "a photo is at most 5 MiB")
        }
        guard ImageKind.sniff(bytes) == declared else {
            throw APIError.badRequest(field: "body", "the bytes are not a \(declared.rawValue) image")
        }
        if !principal.isStaff {
            // Residents' photos keep no position: the EXIF block goes, the picture stays.
            guard let stripped = ImageMetadata.strippingEXIF(bytes, kind: declared) else {
                throw APIError.badRequest(field: "body", "the \(declared.rawValue) image is damaged")
            }
            bytes = stripped
        }
        let photo = Data(bytes)
        let store = self.store
        let storage = self.storage
        let name = principal.name
        let attachment = try await self.database.transaction { connection -> Attachment in
            guard let ticket = try store.find(id, on: connection), try principal.mayAttach(to: ticket, on: connection) else {
                throw CaseError.notFound(id)
            }
            return try store.attach(
                photo, kind: declared, to: ticket.id, by: name, role: principal.role.rawValue, party: principal.party(on: ticket),
                storage: storage, on: connection
            )
        }
        return try JSONResponse.make(["id": attachment.id, "url": attachment.url], status: .created, headers: [.location: attachment.url])
    }

    private func download(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, Self.roles)
        let store = self.store
        let storage = self.storage
        let found = try await self.database.transaction { connection -> (Data, String)? in
            guard let stored = try store.attachmentTicket(id, on: connection),
                let ticket = try store.find(stored.ticketId, on: connection), try principal.mayAttach(to: ticket, on: connection),
                let bytes = try storage.get(id: id, on: connection)
            else { return nil }
            return (bytes, stored.contentType)
        }
        guard let found else { throw APIError.notFound("attachment \(id) not found") }
        return Response(
            status: .ok, headers: [.contentType: found.1, .init("X-Content-Type-Options")!: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(bytes: found.0))
        )
    }
}
