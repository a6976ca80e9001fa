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

        func run() async throws {
            let settings = try HotlineSettings()
            let logger = Logger(label: "dispatcher.import")
            let url = URL(fileURLWithPath: self.folder, isDirectory: true)
            let jurisdiction: Jurisdiction
            do {
                jurisdiction = try Jurisdiction.load(folder: url)
            } catch let JurisdictionError.invalid(issues) {
                for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
                FileHandle.standardError.write(Data("import refused: \(issues.count) problem(s), nothing changed\n".utf8))
                throw ExitCode(2)
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
            let rules = jurisdiction.catalog.householdRules
            let (revision, recoloured) = try await pool.transaction { connection in
                let revision = try JurisdictionStore.save(gridsJSON: grids, catalogJSON: catalog, on: connection)
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
