import ArgumentParser
import Logging
import ServiceLifecycle
import ServiceSupport

extension Intake {
    /// Runs the service until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the intake service.")

        func run() async throws {
            let reader = ConfigurationReader()
            let settings = try IntakeConfiguration(reader: reader)
            HotlineLogging.bootstrap(service: "intake", settings: settings.common)
            Logger(label: "intake").info("configuration", metadata: reader.metadata(IntakeConfiguration.keys))
            let registry = HotlineMetrics.bootstrap()
            let group = try await buildServiceGroup(settings: settings, registry: registry)
            try await group.run()
        }
    }
}
