import ArgumentParser
import Logging
import ServiceLifecycle
import ServiceSupport

/// The notifier: the SMS relay between the case system and people's phones.
@main
struct Notifier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sends and receives the hotline's SMS.",
        subcommands: [Serve.self, Config.self],
        defaultSubcommand: Serve.self
    )

    /// Runs the service until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the notifier service.")

        func run() async throws {
            let reader = ConfigurationReader()
            let settings = try NotifierConfiguration(reader: reader)
            HotlineLogging.bootstrap(service: "notifier", settings: settings.common)
            Logger(label: "notifier").info("configuration", metadata: reader.metadata(NotifierConfiguration.keys))
            let registry = HotlineMetrics.bootstrap()
            let group = try await buildServiceGroup(settings: settings, registry: registry)
            try await group.run()
        }
    }
}
