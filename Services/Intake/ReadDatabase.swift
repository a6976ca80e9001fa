import Logging
import Postgres

/// Where intake's read-only aggregates run: statistics (`/v1/stats`), the big screen
/// (`/v1/screen`), rankings and the daily and monthly reports. With `DATABASE_READ_URL` set its
/// pool is on a streaming replica, so these scans of `tickets` leave the primary's CPU and
/// buffers to the writes; without it, it is intake's own pool.
struct ReadDatabase: Sendable {
    let pool: PostgresPool
    let logger: Logger

    /// Runs `body` in a read-only transaction (a replica refuses writes anyway; the primary then
    /// refuses them too, so a read path that starts writing fails in every test, not only on a
    /// replica). An outage answers 503 like every other route.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await self.pool.transaction { connection in
                try connection.execute("SET TRANSACTION READ ONLY")
                return try body(connection)
            }
        } catch let error as PostgresError where error.isOutage {
            self.logger.warning("read database outage; answered 503", metadata: ["error": "\(error)"])
            throw error.sqlState == nil || error.sqlState?.hasPrefix("08") == true ? APIError.unavailable : APIError.outage
        }
    }
}
