import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// Photos on tickets (CONTRACTS section 10): `POST /v1/tickets/{id}/attachments` with the image
/// as the body, `GET /v1/attachments/{id}` for its bytes. The type is checked three times: the
/// `Content-Type` must be one of ``ImageKind`` (else 415), the body at most 5 MiB (else 413), and
/// the bytes must be that image by their magic number (else 400). EXIF (GPS) is kept only when
/// the uploader is staff.
struct AttachmentsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The photos.
    let attachments: any AttachmentRepository
    /// Where outages are logged.
    let logger: Logger

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
        let attachment = try await APIError.mapping(self.logger) {
            try await self.attachments.attach(
                photo, kind: declared, to: id, by: principal.name, role: principal.role.rawValue, access: principal.attachmentAccess
            )
        }
        return try JSONResponse.make(["id": attachment.id, "url": attachment.url], status: .created, headers: [.location: attachment.url])
    }

    private func download(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, Self.roles)
        let found = try await APIError.mapping(self.logger) { try await self.attachments.photo(id, access: principal.attachmentAccess) }
        guard let found else { throw APIError.notFound("attachment \(id) not found") }
        return Response(
            status: .ok, headers: [.contentType: found.contentType, .init("X-Content-Type-Options")!: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(bytes: found.bytes))
        )
    }
}
