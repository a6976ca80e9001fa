import ArgumentParser
import ServiceSupport

extension Dispatcher {
    /// `dispatcher config`: the effective configuration, secrets redacted, or a bad value named.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the effective configuration (secrets redacted).")

        func run() throws {
            print(try DispatcherConfiguration.listing(), terminator: "")
        }
    }
}
