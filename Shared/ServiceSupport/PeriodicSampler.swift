import Metrics
import Postgres
import ServiceLifecycle

/// Records slow-moving gauges every few seconds (pool usage, outbox backlog...), so `/metrics`
/// shows them without any request paying for the query.
public struct PeriodicSampler: Service {
    let interval: Duration
    let samples: [@Sendable () async -> Void]

    /// Samples `samples` every `interval`.
    public init(interval: Duration = .seconds(5), samples: [@Sendable () async -> Void]) {
        self.interval = interval
        self.samples = samples
    }

    /// The usage of a connection pool as gauges `hotline_db_pool_{size,in_use,waiting}`.
    public static func pool(_ pool: PostgresPool) -> @Sendable () async -> Void {
        let size = Gauge(label: "hotline_db_pool_size")
        let inUse = Gauge(label: "hotline_db_pool_in_use")
        let waiting = Gauge(label: "hotline_db_pool_waiting")
        return {
            let statistics = pool.statistics
            size.record(statistics.size)
            inUse.record(statistics.inUse)
            waiting.record(statistics.waiting)
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for sample in self.samples { await sample() }
                try? await Task.sleep(for: self.interval)
            }
        }
    }
}
