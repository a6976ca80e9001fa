import CaseStore
import Logging
import Postgres

/// The pool of the areas whose SQL is not behind a repository yet, answering case refusals and
/// outages as API errors.
struct Database: Sendable {
    /// The service's pool.
    let pool: PostgresPool
    /// Where outages are logged.
    let logger: Logger

    /// Runs `body` in a transaction, mapping case refusals and outages to API errors.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await self.mapErrors { try await self.pool.transaction(body) }
    }

    /// Runs `body`, mapping case refusals and outages to API errors.
    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        try await APIError.mapping(self.logger, body)
    }
}
