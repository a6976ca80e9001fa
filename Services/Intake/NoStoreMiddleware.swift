import Hummingbird

/// `Cache-Control: no-store` on every `/v1` answer (CONTRACTS section 9): what the API returns
/// may name residents, so no browser, proxy or CDN keeps a copy. Error answers carry it too
/// (``APIError``).
struct NoStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if request.uri.path.hasPrefix("/v1/") || request.uri.path == "/v1" {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
