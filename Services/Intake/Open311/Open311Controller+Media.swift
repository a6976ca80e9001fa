import CaseStore
import Foundation
import Hummingbird

extension Open311Controller {
    /// The absolute URL `media_url` starts with (GeoReport clients fetch it as it stands).
    static func mediaBase(_ request: Request) -> String {
        "http://\(request.head.authority ?? "localhost")/open311/v2/media/"
    }

    /// `GET /open311/v2/media/{id}`: a public photo's bytes, without a key; 404 for any other
    /// attachment, as if it did not exist.
    func media(_ request: Request, _ id: String) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw APIError.notFound("media \(id) not found") }
        let found = try await APIError.mapping(self.logger) { try await self.requests.media(id) }
        guard let (bytes, type) = found else { throw APIError.notFound("media \(id) not found") }
        return Response(
            status: .ok,
            headers: [.contentType: type, .init("X-Content-Type-Options")!: "nosniff", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
