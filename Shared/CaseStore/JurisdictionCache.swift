import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// The current jurisdiction in memory, so hot paths never query it; reloads when an import
/// announces a new revision (`NOTIFY jurisdiction`) and every minute as a fallback.
public final class JurisdictionCache: Service {
    private let pool: PostgresPool
    private let databaseURL: String
    private let timeZone: TimeZone
    private let logger: Logger
    private let current = Mutex<JurisdictionSnapshot?>(nil)

    /// A cache over `pool`'s stored jurisdiction.
    public init(pool: PostgresPool, databaseURL: String, timeZone: TimeZone, logger: Logger) {
        self.pool = pool
        self.databaseURL = databaseURL
        self.timeZone = timeZone
        self.logger = logger
    }

    /// The loaded snapshot, loading it on first use; throws when none was imported yet.
    public func snapshot() async throws -> JurisdictionSnapshot {
        if let snapshot = self.current.withLock({ $0 }) { return snapshot }
        try await self.reload()
        guard let snapshot = self.current.withLock({ $0 }) else { throw JurisdictionMissing() }
        return snapshot
    }

    /// The snapshot in memory, without waiting; nil before the first load.
    public var loaded: JurisdictionSnapshot? { self.current.withLock { $0 } }

    /// Reads the stored jurisdiction again.
    public func reload() async throws {
        let zone = self.timeZone
        let loaded = try await self.pool.withConnection { try JurisdictionStore.load(on: $0, timeZone: zone) }
        guard let loaded else { return }
        let previous = self.current.withLock { current in
            defer { current = loaded }
            return current?.revision
        }
        if previous != loaded.revision {
            self.logger.info(
                "jurisdiction loaded",
                metadata: ["revision": "\(loaded.revision)", "grids": "\(loaded.jurisdiction.grids.count)"]
            )
        }
    }

    public func run() async throws {
        let listener = PostgresListener(url: self.databaseURL, channels: ["jurisdiction"], logger: self.logger)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    for await _ in listener.notifications() { try? await self.reload() }
                } onCancel: {
                    listener.stop()
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(60))
                    try? await self.reload()
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}

/// No jurisdiction has been imported yet (`dispatcher import <folder>`).
public struct JurisdictionMissing: Error, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    public var description: String { "no jurisdiction imported yet: run `dispatcher import <folder>`" }
}
