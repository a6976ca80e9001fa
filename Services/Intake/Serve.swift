import ArgumentParser
import ServiceLifecycle
import ServiceSupport

extension Intake {
    /// Runs the service until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the intake service.")

        func run() async throws {
            let settings = try HotlineSettings()
            HotlineLogging.bootstrap(service: "intake", settings: settings)
            let registry = HotlineMetrics.bootstrap()
            let group = try await buildServiceGroup(settings: settings, registry: registry)
            try await group.run()
        }
    }
}
