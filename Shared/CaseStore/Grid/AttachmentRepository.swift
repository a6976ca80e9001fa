import Foundation
import HotlineDomain

/// Photos on tickets (CONTRACTS section 10): stored with their metadata, read back by id, each
/// time for a key that may (``AttachmentAccess``).
public protocol AttachmentRepository: Sendable {
    /// Attaches `photo` to ticket `id` (id or number) uploaded by `name` with `role`;
    /// `CaseError.notFound` when there is no such ticket or `access` does not reach it.
    func attach(_ photo: Data, kind: ImageKind, to id: String, by name: String, role: String, access: AttachmentAccess) async throws -> Attachment
    /// The bytes and content type of attachment `id`; nil when unknown or `access` does not
    /// reach its ticket.
    func photo(_ id: String, access: AttachmentAccess) async throws -> (bytes: Data, contentType: String)?
}
