import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceSupport

extension Intake {
    /// `intake import-knowledge <folder>`: loads every `*.md` article of a folder (Markdown with
    /// front matter, see `KnowledgeFileReader`). All files are validated first, every problem
    /// is printed with its file and field, and nothing is written unless all are valid. An
    /// article is known by its file name: re-importing the same folder changes nothing, a
    /// changed file makes a new version.
    struct ImportKnowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-knowledge", abstract: "Import knowledge articles from a folder of Markdown files."
        )

        @Argument(help: "A folder of *.md articles with front matter.") var folder: String

        func run() async throws {
            let settings = try HotlineSettings()
            let logger = Logger(label: "intake.import-knowledge")
            let files = try FileManager.default.contentsOfDirectory(atPath: self.folder).filter { $0.hasSuffix(".md") }.sorted()
            guard !files.isEmpty else { throw ValidationError("\(self.folder): no *.md files") }
            let pool = PostgresPool(url: settings.databaseURL, size: 1, logger: logger)
            defer { Task { await pool.shutdown() } }
            _ = try await Migrator.migrate(pool, Schema.migrations, logger: logger)
            let timeZone = settings.timeZone
            guard let snapshot = try await pool.withConnection({ try JurisdictionStore.load(on: $0, timeZone: timeZone) }) else {
                throw ValidationError("no jurisdiction imported yet: run `dispatcher import <folder>` first")
            }
            let catalog = snapshot.jurisdiction.catalog
            let (categories, departments) = (Set(catalog.categories.map(\.code)), Set(catalog.departments.map(\.code)))
            var drafts: [(slug: String, draft: KnowledgeDraft)] = []
            var issues: [ValidationIssue] = []
            for file in files {
                let path = (self.folder as NSString).appendingPathComponent(file)
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    issues.append(ValidationIssue(file: file, entry: "", field: "file", message: "not readable as UTF-8"))
                    continue
                }
                let read = KnowledgeFileReader.read(file: file, text: text, categories: categories, departments: departments)
                issues += read.issues
                if let draft = read.draft { drafts.append((String(file.dropLast(".md".count)), draft)) }
            }
            guard issues.isEmpty else {
                for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
                throw ExitCode(1)
            }
            let items = drafts
            let written = try await PostgresKnowledgeRepository(pool: pool, timeZone: timeZone).importArticles(
                items, by: "import-knowledge", snapshot: snapshot
            )
            print("\(items.count) articles: \(written) created or changed, \(items.count - written) unchanged")
        }
    }
}
