import ArgumentParser
import Logging
import ServiceLifecycle
import ServiceSupport

extension Dispatcher {
    /// Runs the service until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the dispatcher service.")

        func run() async throws {
            let reader = ConfigurationReader()
            let settings = try DispatcherConfiguration(reader: reader)
            HotlineLogging.bootstrap(service: "dispatcher", settings: settings.common)
            Logger(label: "dispatcher").info("configuration", metadata: reader.metadata(DispatcherConfiguration.keys))
            let registry = HotlineMetrics.bootstrap()
            let group = try await buildServiceGroup(settings: settings, registry: registry)
            try await group.run()
        }
    }
}
