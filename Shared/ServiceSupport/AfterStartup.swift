import ServiceLifecycle

/// A service that runs once its group's ``Startup`` is done: it waits, then runs `service`.
/// Shut down while it waits, it returns without running `service`.
public struct AfterStartup: Service {
    /// The start-up it waits for.
    public let startup: Startup
    /// What it runs after.
    public let service: any Service

    /// `service`, run after `startup`.
    public init(_ service: any Service, after startup: Startup) {
        self.startup = startup
        self.service = service
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.startup.wait() }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return
        }
        try await self.service.run()
    }
}

extension AfterStartup: CustomStringConvertible {
    public var description: String { "\(self.service)" }
}
