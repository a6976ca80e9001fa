import Foundation
import HotlineCrypto
import Hummingbird
import Synchronization

/// `API_RATE_LIMIT` requests per minute per API key (0: unlimited), as a token bucket per key
/// that refills continuously; over the limit is 429 with `Retry-After`. Buckets live in this
/// process: with N intake instances behind a balancer a key gets up to N times the limit.
struct RateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let perMinute: Int
    private let buckets = Buckets()

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    final class Buckets: Sendable {
        let state = Mutex<[String: (tokens: Double, at: ContinuousClock.Instant)]>([:])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard self.perMinute > 0, let key = Self.key(of: request) else { return try await next(request, context) }
        let capacity = Double(self.perMinute)
        let perSecond = capacity / 60
        let now = ContinuousClock.now
        let wait: Double? = self.buckets.state.withLock { buckets in
            if buckets.count > 100_000 { buckets.removeAll() }
            var bucket = buckets[key] ?? (capacity, now)
            let elapsed = now - bucket.at
            bucket.tokens = min(capacity, bucket.tokens + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * perSecond)
            bucket.at = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / perSecond }
            bucket.tokens -= 1
            return nil
        }
        if let wait {
            throw APIError(
                status: .tooManyRequests, code: "rate_limited", message: "over \(self.perMinute) requests per minute for this key",
                headers: [.retryAfter: String(Int(wait.rounded(.up)))]
            )
        }
        return try await next(request, context)
    }

    /// The caller's key: the bearer token, or Open311's `api_key` (digested, never kept in clear).
    static func key(of request: Request) -> String? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            return SHA256Digest.hex(String(header.dropFirst(7)))
        }
        return request.uri.queryParameters["api_key"].map { SHA256Digest.hex(String($0)) }
    }
}
