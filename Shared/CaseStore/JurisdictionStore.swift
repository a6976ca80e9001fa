import Foundation
import HotlineDomain
import Postgres

/// Stores the imported jurisdiction files and reads them back; the files are kept verbatim
/// so every service loads exactly what was validated at import.
public enum JurisdictionStore {
    /// Replaces the stored jurisdiction (after validation) and bumps its revision.
    public static func save(gridsJSON: Data, catalogJSON: Data, on connection: PostgresConnection) throws -> Int {
        let rows = try connection.query(
            """
            INSERT INTO jurisdiction (id, grids, catalog, revision) VALUES (1, $1, $2, 1)
            ON CONFLICT (id) DO UPDATE SET grids = $1, catalog = $2, revision = jurisdiction.revision + 1, imported_at = now()
            RETURNING revision
            """,
            [String(decoding: gridsJSON, as: UTF8.self), String(decoding: catalogJSON, as: UTF8.self)]
        )
        return try rows[0].decode("revision", as: Int.self)
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
