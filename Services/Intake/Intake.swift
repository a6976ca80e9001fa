import ArgumentParser

/// Intake: the hotline's front door.
@main
struct Intake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Takes residents' requests: REST API for operators, department replies, API keys.",
        subcommands: [Serve.self, Keys.self, ImportKnowledge.self, Config.self],
        defaultSubcommand: Serve.self
    )
}
