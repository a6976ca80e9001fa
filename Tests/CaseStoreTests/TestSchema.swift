import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import TestSupport

/// A schema of its own on the stack's PostgreSQL, migrated and holding the test jurisdiction:
/// a test's rows never meet another's or the running services' (whose relays read `public`).
struct TestSchema {
    /// The pool whose sessions use the schema.
    let pool: PostgresPool
    /// The schema's name.
    let name: String
    /// The jurisdiction stored in it.
    let snapshot: JurisdictionSnapshot
    private let baseURL: String

    static let logger = Logger(label: "casestore-tests")

    /// Creates, migrates (through migration `version`) and fills a new schema.
    static func make(through version: Int = .max) async throws -> TestSchema {
        let base = try StackEnvironment.value("DATABASE_URL")
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try PostgresConnection(url: base)
        try admin.query("CREATE SCHEMA \(name)")
        admin.close()
        let url = base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(name)"
        let pool = PostgresPool(url: url, size: 2, logger: Self.logger)
        _ = try await Migrator.migrate(pool, Schema.migrations.filter { $0.version <= version }, logger: Self.logger)
        let folder = StackEnvironment.repositoryRoot().appendingPathComponent("Tests/HotlineDomainTests/Fixtures/valid")
        let (grids, catalog) = (
            try Data(contentsOf: folder.appendingPathComponent("grids.geojson")), try Data(contentsOf: folder.appendingPathComponent("catalog.json"))
        )
        _ = try await pool.transaction { try JurisdictionStore.save(gridsJSON: grids, catalogJSON: catalog, importedBy: "test", on: $0) }
        let zone = WorkingCalendar.chinaTimeZone
        guard let snapshot = try await pool.withConnection({ try JurisdictionStore.load(on: $0, timeZone: zone) }) else {
            throw TestSchemaError(description: "the jurisdiction did not load back")
        }
        return TestSchema(pool: pool, name: name, snapshot: snapshot, baseURL: base)
    }

    /// Runs `body` in a new schema (migrated through `version`), dropped afterwards whatever happens.
    static func run(through version: Int = .max, _ body: (TestSchema) async throws -> Void) async throws {
        let schema = try await Self.make(through: version)
        do {
            try await body(schema)
        } catch {
            await schema.drop()
            throw error
        }
        await schema.drop()
    }

    /// Drops the schema and everything in it.
    func drop() async {
        await self.pool.shutdown()
        if let admin = try? PostgresConnection(url: self.baseURL) {
            _ = try? admin.query("DROP SCHEMA \(self.name) CASCADE")
            admin.close()
        }
    }
}

/// The schema could not be prepared.
struct TestSchemaError: Error, CustomStringConvertible {
    var description: String
}
