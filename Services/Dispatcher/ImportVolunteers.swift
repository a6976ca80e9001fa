import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceSupport

extension Dispatcher {
    /// Validates and upserts a volunteers file (CONTRACTS section 16) against the imported
    /// jurisdiction; all or nothing, and running it twice changes nothing the second time.
    struct ImportVolunteers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-volunteers",
            abstract: "Import the community volunteers (志愿者) from a JSON file; idempotent, all or nothing."
        )

        @Argument(help: "The volunteers file: a JSON array of {code, name, phone, community, skills}.")
        var file: String

        func run() async throws {
            let input = try await ImportInput.open(self.file, logger: Logger(label: "dispatcher.import-volunteers"))
            let (name, data, pool, snapshot, settings) = (input.name, input.data, input.pool, input.snapshot, input.settings)
            let volunteers: [Volunteer]
            do {
                volunteers = try VolunteerFileReader.read(data, file: name, jurisdiction: snapshot.jurisdiction)
            } catch let error as VolunteerFileError {
                await pool.shutdown()
                ImportInput.refuse(error.issues.map(\.description))
            }
            let store = VolunteerStore(timeZone: settings.timeZone)
            let clashes = try await pool.withConnection { try store.phoneClashes(volunteers, on: $0) }
            if !clashes.isEmpty {
                await pool.shutdown()
                let entries = Dictionary(volunteers.enumerated().map { ($1.phone, "volunteer \($0) (code \($1.code))") }, uniquingKeysWith: { a, _ in a })
                ImportInput.refuse(clashes.map { "\(name): \(entries[$0.phone] ?? ""): phone: already the phone of volunteer \($0.code)" })
            }
            let summary = try await pool.transaction { try store.upsert(volunteers, on: $0) }
            await pool.shutdown()
            print(
                "imported \(volunteers.count) volunteers from \(name): \(summary.created) new, \(summary.updated) changed, \(summary.unchanged) unchanged"
            )
        }
    }
}
