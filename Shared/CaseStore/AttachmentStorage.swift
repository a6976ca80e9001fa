import Foundation
import Postgres

/// Where the bytes of ticket attachments live. The metadata (ticket, type, size, uploader) is
/// always in `attachments`; the bytes go wherever the storage puts them, in the same
/// transaction when the storage is the database.
public protocol AttachmentStorage: Sendable {
    /// Stores `bytes` under `id`.
    func put(id: String, bytes: Data, on connection: PostgresConnection) throws
    /// The bytes stored under `id`, nil when there are none.
    func get(id: String, on connection: PostgresConnection) throws -> Data?
}

/// The default storage: `bytea` rows in `attachment_bytes`, so a deployment needs nothing new.
public struct PostgresAttachmentStorage: AttachmentStorage {
    /// A storage in the hotline's own database.
    public init() {}

    public func put(id: String, bytes: Data, on connection: PostgresConnection) throws {
        try connection.query("INSERT INTO attachment_bytes (id, bytes) VALUES ($1::uuid, $2::bytea)", [id, bytes])
    }

    public func get(id: String, on connection: PostgresConnection) throws -> Data? {
        try connection.query("SELECT bytes FROM attachment_bytes WHERE id = $1::uuid", [id]).first?.decode("bytes", as: Data.self)
    }
}
