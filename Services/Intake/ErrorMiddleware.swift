import CaseStore
import Hummingbird
import Logging
import Postgres

/// Answers every failure in the API's error shape: database outages as 503 (nothing was
/// recorded), case refusals with their status, anything unexpected as 500 without details.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as CaseError {
            throw APIError(error)
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
