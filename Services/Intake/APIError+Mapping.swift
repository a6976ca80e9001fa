import CaseStore
import Logging
import Postgres

extension APIError {
    /// Runs `body`, answering a case refusal with its API error and a database outage with
    /// 503 (logged to `logger`, without the statement's values).
    static func mapping<T>(_ logger: Logger, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CaseError {
            throw APIError(error)
        } catch let error as PostgresError where error.isOutage {
            logger.warning("database outage; answered 503", metadata: ["error": "\(error)"])
            throw error.sqlState == nil || error.sqlState?.hasPrefix("08") == true ? APIError.unavailable : APIError.outage
        }
    }
}
