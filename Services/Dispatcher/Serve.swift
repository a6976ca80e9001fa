import ArgumentParser
import Logging
import ServiceLifecycle
import ServiceSupport

extension Dispatcher {
    /// Runs the service until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the dispatcher service.")

        func run() async throws {
            let settings = try HotlineSettings()
            HotlineLogging.bootstrap(service: "dispatcher", settings: settings)
            let registry = HotlineMetrics.bootstrap()
            let group = try await buildServiceGroup(settings: settings, registry: registry)
            try await group.run()
        }
    }
}
