import ArgumentParser

/// The dispatcher: routing, deadlines and the lifecycle after intake.
@main
struct Dispatcher: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Routes tickets to grids and departments and follows them to closure.",
        subcommands: [Serve.self, Migrate.self, Import.self, ImportHouseholds.self, ImportVolunteers.self, DeadLetters.self, Purge.self, Verify.self, Seal.self, Config.self],
        defaultSubcommand: Serve.self
    )
}
