import Foundation
import Postgres

/// Attachments as files under a folder (`ATTACHMENTS_DIR`): `<root>/<first two hex digits of
/// the id>/<id>`, written to a temporary name and renamed, so a reader never sees half a photo.
/// The metadata row is still written in the upload's transaction; a file whose transaction
/// rolled back stays behind unreferenced (it is never served, since serving starts from the row).
/// Several intake instances share the folder when it is on shared storage.
public struct DirectoryAttachmentStorage: AttachmentStorage {
    /// The folder holding the photos.
    public let root: URL

    /// A storage under `root`, created if missing; an error names a folder that cannot be made.
    public init(root: String) throws {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        guard FileManager.default.isWritableFile(atPath: self.root.path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: self.root.path])
        }
    }

    /// Where attachment `id` lives; nil for anything but a UUID (no path is ever built from
    /// other text).
    func file(_ id: String) -> URL? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let name = uuid.uuidString.lowercased()
        return self.root.appendingPathComponent(String(name.prefix(2)), isDirectory: true).appendingPathComponent(name)
    }

    public func put(id: String, bytes: Data, on connection: PostgresConnection) throws {
        guard let file = self.file(id) else { throw CaseError.notFound(id) }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // `.atomic` writes a temporary file beside it and renames it into place.
        try bytes.write(to: file, options: .atomic)
    }

    public func get(id: String, on connection: PostgresConnection) throws -> Data? {
        guard let file = self.file(id), FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try Data(contentsOf: file)
    }
}
