import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceSupport

extension Dispatcher {
    /// Validates and upserts a households file (JSON or CSV) against the imported jurisdiction.
    struct ImportHouseholds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-households",
            abstract: "Import households (一户一档) from a JSON or CSV file; idempotent, all or nothing."
        )

        @Argument(help: "The households file: a JSON array, or CSV (name ending in .csv) with one row per member.")
        var file: String

        func run() async throws {
            let settings = try HotlineSettings()
            let logger = Logger(label: "dispatcher.import-households")
            let url = URL(fileURLWithPath: self.file)
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
            let store = HouseholdStore(timeZone: settings.timeZone)
            let households: [Household]
            do {
                households = try HouseholdFileReader.read(data, file: name, grids: snapshot.grids, currentYear: store.year())
            } catch let error as HouseholdFileError {
                await pool.shutdown()
                Self.refuse(error.issues.map(\.description))
            }
            let rules = snapshot.jurisdiction.catalog.householdRules
            let summary = try await pool.transaction {
                try store.importHouseholds(households, rules: rules, actor: "import \(name)", on: $0)
            }
            await pool.shutdown()
            let colours = HouseholdColour.allCases.reversed().map { "\(summary.colours[$0.rawValue] ?? 0) \($0.rawValue)" }
            print(
                "imported \(households.count) households from \(name): \(summary.created) new, \(summary.updated) changed, "
                    + "\(summary.unchanged) unchanged; \(colours.joined(separator: ", "))"
            )
        }

        /// Prints every problem and exits 2: nothing was written.
        static func refuse(_ problems: [String]) -> Never {
            for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            FileHandle.standardError.write(Data("import refused: \(problems.count) problem(s), nothing changed\n".utf8))
            Foundation.exit(2)
        }
    }
}
