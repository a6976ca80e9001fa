import ArgumentParser
import ServiceSupport

extension Intake {
    /// `intake config`: the effective configuration, secrets redacted, or a bad value named;
    /// `--markdown`: the table of every service's keys that docs/interfaces.md holds.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration (secrets redacted); --markdown: the docs' table of every service's keys."
        )

        @Flag(help: "Print the Markdown table of docs/interfaces.md (\"Service configuration\") instead.")
        var markdown = false

        func run() throws {
            print(self.markdown ? ConfigurationCatalog.markdownTable() : try IntakeConfiguration.listing(), terminator: "")
        }
    }
}
