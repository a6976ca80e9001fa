import CaseStore
import Logging
import Postgres
import ServiceLifecycle
import ServiceSupport

/// Makes the months ahead of `notifications` (partitioned by month, migration 62): at start
/// and then hourly, this month's and the next two. Every notifier instance runs it; the SQL
/// function makes one caller wait for the other.
struct NotificationPartitions: Service {
    let pool: PostgresPool
    let logger: Logger
    /// Between two rounds; a month is made two months before it starts, so an hour is plenty.
    var interval: Duration = .seconds(3600)

    /// Makes the months ahead now, then every `interval`, until the group shuts down.
    func run() async throws {
        await RepeatingWork.run(every: self.interval, name: "notifications partitions", logger: self.logger) {
            let made = try await self.pool.withConnection { try PostgresSMSQueue.makePartitions(on: $0) }
            if made > 0 { self.logger.info("notifications partitions made", metadata: ["count": "\(made)"]) }
        }
    }
}
