import Foundation

/// A photo on a ticket, as `GET /v1/tickets/{id}` lists it.
public struct Attachment: Codable, Sendable {
    /// The attachment's id.
    public var id: String
    /// Where the bytes are served (`/v1/attachments/{id}`).
    public var url: String
    /// `image/jpeg`, `image/png` or `image/webp`, as sniffed from the bytes.
    public var contentType: String
    /// The size in bytes as stored.
    public var size: Int
    /// Who uploaded it (the key's holder).
    public var uploadedBy: String
    /// The uploader's role.
    public var role: String
    /// The department, grid or community code the uploader acts as, if any.
    public var party: String?
    /// When it was uploaded.
    public var createdAt: Date

    /// The URL path of attachment `id`.
    public static func url(_ id: String) -> String { "/v1/attachments/\(id)" }
}
