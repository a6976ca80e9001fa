import Foundation
import HotlineDomain
import Postgres

/// Stores the imported jurisdiction files and reads them back; the files are kept verbatim
/// so every service loads exactly what was validated at import.
public enum JurisdictionStore {
    /// Replaces the stored jurisdiction (after validation), bumps its revision and keeps the files
    /// as a new version naming who imported it (`cli:<user>` or `key:<name>`).
    public static func save(
        gridsJSON: Data, catalogJSON: Data, importedBy: String = "unknown", on connection: PostgresConnection
    ) throws -> Int {
        let rows = try connection.query(
            """
            INSERT INTO jurisdiction (id, grids, catalog, revision) VALUES (1, $1, $2, 1)
            ON CONFLICT (id) DO UPDATE SET grids = $1, catalog = $2, revision = jurisdiction.revision + 1, imported_at = now()
            RETURNING revision
            """,
            [String(decoding: gridsJSON, as: UTF8.self), String(decoding: catalogJSON, as: UTF8.self)]
        )
        let revision = try rows[0].decode("revision", as: Int.self)
        try connection.query(
            """
            INSERT INTO jurisdiction_versions (revision, imported_by, grids, catalog, grid_count, category_count)
            SELECT revision, $1, grids, catalog, COALESCE(jsonb_array_length(grids::jsonb -> 'features'), 0),
                COALESCE(jsonb_array_length(catalog::jsonb -> 'categories'), 0)
            FROM jurisdiction WHERE id = 1
            ON CONFLICT (revision) DO UPDATE SET imported_by = EXCLUDED.imported_by, imported_at = now(),
                grids = EXCLUDED.grids, catalog = EXCLUDED.catalog, grid_count = EXCLUDED.grid_count,
                category_count = EXCLUDED.category_count
            """,
            [importedBy]
        )
        return revision
    }

    /// One imported version, without its files.
    public struct Version: Codable, Sendable {
        /// The import's revision: what `jurisdictionVersion` on a ticket names.
        public var version: Int
        /// When and by whom (`cli:<user>`, `key:<name>`).
        public var importedAt: Date
        public var importedBy: String
        /// Grids and categories in it.
        public var grids: Int
        public var categories: Int
        /// Whether it is the one in force.
        public var current: Bool
    }

    /// Every imported version, newest first.
    public static func versions(on connection: PostgresConnection) throws -> [Version] {
        try connection.query(
            """
            SELECT v.revision, v.imported_at, v.imported_by, v.grid_count, v.category_count,
                (v.revision = (SELECT revision FROM jurisdiction WHERE id = 1)) AS current
            FROM jurisdiction_versions v ORDER BY v.revision DESC
            """
        ).map { row in
            Version(
                version: try row.decode("revision", as: Int.self), importedAt: try row.decode("imported_at", as: Date.self),
                importedBy: try row.decode("imported_by", as: String.self), grids: try row.decode("grid_count", as: Int.self),
                categories: try row.decode("category_count", as: Int.self), current: try row.decode("current", as: Bool?.self) ?? false
            )
        }
    }

    /// The stored jurisdiction, or nil before the first import.
    public static func load(on connection: PostgresConnection, timeZone: TimeZone) throws -> JurisdictionSnapshot? {
        let rows = try connection.query("SELECT grids, catalog, revision FROM jurisdiction WHERE id = 1")
        guard let row = rows.first else { return nil }
        let jurisdiction = try Jurisdiction.decode(
            gridsJSON: Data(try row.decode("grids", as: String.self).utf8),
            catalogJSON: Data(try row.decode("catalog", as: String.self).utf8)
        )
        return JurisdictionSnapshot(
            jurisdiction: jurisdiction, revision: try row.decode("revision", as: Int.self), timeZone: timeZone
        )
    }
}
