import AMQP
import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Outbox
import Postgres
import ServiceSupport

extension Dispatcher {
    /// Validates and loads a jurisdiction folder (`grids.geojson` + `catalog.json`); idempotent.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a jurisdiction folder (grids.geojson, catalog.json) and declare department queues."
        )

        @Argument(help: "Folder holding grids.geojson and catalog.json.")
        var folder: String

        @Flag(name: .customLong("what-if"), help: "Change nothing: replay the period's tickets through the new rules and report the difference.")
        var whatIf = false

        @Option(help: "With --what-if: the period replayed, an ISO 8601 duration back from now.")
        var since = "P90D"

        @Option(help: "With --what-if: text (tables) or json.")
        var format = "text"

        @Option(help: "With --what-if: also save the report as <path>.json and <path>.html (printable).")
        var save: String?

        @Option(help: "Who imports, recorded with the version (default: cli:<login user>).")
        var by: String?

        func validate() throws {
            guard ["text", "json"].contains(self.format) else { throw ValidationError("--format must be text or json") }
            guard let since = ISODuration(self.since), since.seconds > 0 else {
                throw ValidationError("--since must be an ISO 8601 duration such as P90D")
            }
        }

        func run() async throws {
            let settings = try HotlineSettings()
            let logger = Logger(label: "dispatcher.import")
            let url = URL(fileURLWithPath: self.folder, isDirectory: true)
            let jurisdiction: Jurisdiction
            do {
                jurisdiction = try Jurisdiction.load(folder: url)
            } catch let JurisdictionError.invalid(issues) {
                for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
                let what = self.whatIf ? "what-if refused" : "import refused"
                FileHandle.standardError.write(Data("\(what): \(issues.count) problem(s), nothing changed\n".utf8))
                throw ExitCode(2)
            }
            if self.whatIf {
                try self.replay(jurisdiction, settings: settings)
                return
            }
            let grids = try Data(contentsOf: url.appendingPathComponent("grids.geojson"))
            let catalog = try Data(contentsOf: url.appendingPathComponent("catalog.json"))

            // Queues first: once the catalog is stored, tasks for a new department may be published.
            let connection = try AMQPConnection(configuration: try AMQPConfiguration(url: settings.amqpURL))
            try Topology.declareExchanges(on: connection)
            for department in jurisdiction.catalog.departments {
                try Topology.declareTaskQueue(department: department.code, on: connection)
            }
            connection.close()

            let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
            _ = try await Migrator.migrate(pool, Schema.migrations, logger: logger)
            // The households rules may have changed with the catalog: recolour in the same transaction.
            let households = HouseholdStore(timeZone: settings.timeZone)
            let importedBy = self.by ?? "cli:\(Self.loginUser())"
            let rules = jurisdiction.catalog.householdRules
            let (revision, recoloured) = try await pool.transaction { connection in
                let revision = try JurisdictionStore.save(gridsJSON: grids, catalogJSON: catalog, importedBy: importedBy, on: connection)
                return (revision, try households.recolourAll(rules: rules, actor: "import revision \(revision)", on: connection))
            }
            await pool.shutdown()
            let streets = Set(jurisdiction.grids.map(\.street.code)).count
            let communities = Set(jurisdiction.grids.map(\.community.code)).count
            print(
                "imported revision \(revision): \(jurisdiction.grids.count) grids, \(communities) communities, \(streets) streets, "
                    + "\(jurisdiction.catalog.departments.count) departments, \(jurisdiction.catalog.categories.count) categories"
                    + (recoloured > 0 ? "; \(recoloured) households recoloured" : "")
            )
        }
    }
}
