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
            let input = try await ImportInput.open(self.file, logger: Logger(label: "dispatcher.import-households"))
            let (name, data, pool, snapshot, settings) = (input.name, input.data, input.pool, input.snapshot, input.settings)
            let store = HouseholdStore(timeZone: settings.timeZone)
            let households: [Household]
            do {
                households = try HouseholdFileReader.read(data, file: name, grids: snapshot.grids, currentYear: store.year())
            } catch let error as HouseholdFileError {
                await pool.shutdown()
                ImportInput.refuse(error.issues.map(\.description))
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
    }
}
