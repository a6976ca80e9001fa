import CaseStore
import Hummingbird
import Logging
import Postgres

/// Answers every failure in the API's error shape: database outages as 503 (nothing was
/// recorded; a pool or statement time-out
/// as 503 too), case refusals with their status, anything unexpected as 500 without details.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as CaseError {
            throw APIError(error)
        } catch is PostgresPoolTimeout {
            self.logger.warning("no pooled connection came free in time")
            throw APIError.busy
        } catch let error as PostgresError where error.sqlState == "57014" || error.sqlState == "55P03" {
            // statement_timeout / lock_timeout: the transaction was rolled back.
            self.logger.warning("statement timed out", metadata: ["sqlstate": "\(error.sqlState ?? "")"])
            throw APIError.busy
        } catch let error as PostgresError where error.sqlState == "22021" || error.sqlState == "22P05" {
            // Text PostgreSQL cannot store (a NUL): the transaction was rolled back.
            throw APIError.badRequest(field: "body", "text contains a character that cannot be stored (NUL)")
        } catch let error as PostgresError where error.isOutage {
            self.logger.warning("database outage; answered 503", metadata: ["error": "\(error)"])
            throw error.sqlState == nil || error.sqlState?.hasPrefix("08") == true ? APIError.unavailable : APIError.outage
        } catch is JurisdictionMissing {
            throw APIError(status: .serviceUnavailable, code: "unavailable", message: "no jurisdiction imported yet")
        } catch let error as HTTPError {
            throw APIError(status: error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
        } catch {
            self.logger.error("unexpected error", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(status: .internalServerError, code: "internal", message: "unexpected error; nothing was recorded")
        }
    }
}
