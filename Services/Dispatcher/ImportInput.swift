import CaseStore
import Foundation
import Logging
import Postgres
import ServiceSupport

/// What an `import-*` command of a file checked against the imported jurisdiction starts from:
/// the file's bytes, a migrated database and its jurisdiction. Any problem refuses the import.
struct ImportInput {
    /// The file's name, as problems cite it.
    let name: String
    /// The file's bytes.
    let data: Data
    /// A one-connection pool on the database; the caller shuts it down.
    let pool: PostgresPool
    /// The jurisdiction the entries are checked against.
    let snapshot: JurisdictionSnapshot
    /// The configuration the command runs with.
    let settings: HotlineSettings

    /// Reads `file`, migrates the database and loads the jurisdiction, or refuses.
    static func open(_ file: String, logger: Logger) async throws -> ImportInput {
        let settings = try HotlineSettings()
        let url = URL(fileURLWithPath: file)
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            Self.refuse(["\(name): cannot read \(url.path): \(error.localizedDescription)"])
        }
        let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
        _ = try await Migrator.migrate(pool, Schema.migrations, logger: logger)
        guard let snapshot = try await pool.withConnection({ try JurisdictionStore.load(on: $0, timeZone: settings.timeZone) }) else {
            await pool.shutdown()
            Self.refuse(["no jurisdiction imported yet: run `dispatcher import <folder>` first"])
        }
        return ImportInput(name: name, data: data, pool: pool, snapshot: snapshot, settings: settings)
    }

    /// Prints every problem and exits 2: nothing was written.
    static func refuse(_ problems: [String]) -> Never {
        for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        FileHandle.standardError.write(Data("import refused: \(problems.count) problem(s), nothing changed\n".utf8))
        Foundation.exit(2)
    }
}
