import Foundation
import HotlineCrypto
import Hummingbird
import Synchronization

/// `API_RATE_LIMIT` requests per minute (0: unlimited), as token buckets that refill
/// continuously; over the limit is 429 with `Retry-After`.
///
/// A request whose key this instance has already seen valid is charged to that key's bucket.
/// Every other request (no key, an unknown, random or revoked key) is charged to its client
/// address's bucket *before* its key is looked up, so a flood of made-up keys costs one
/// database lookup per request the address bucket lets through, never more. Buckets live in
/// this process: with N intake instances behind a balancer a key gets up to N times the limit.
/// The client address is the TCP peer (``PeerAddressHandler``); behind a proxy it is the proxy's.
struct RateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let perMinute: Int
    let keys: APIKeys
    private let buckets = Buckets()

    init(perMinute: Int, keys: APIKeys) {
        self.perMinute = perMinute
        self.keys = keys
    }

    final class Buckets: Sendable {
        let state = Mutex<[String: (tokens: Double, at: ContinuousClock.Instant)]>([:])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard self.perMinute > 0, !Self.isOperational(request.uri.path) else { return try await next(request, context) }
        let digest = Self.keyDigest(of: request)
        let bucket: String
        let what: String
        if let digest, self.keys.isKnown(digest: digest) {
            (bucket, what) = ("key:" + digest, "this key")
        } else {
            (bucket, what) = ("address:" + (request.headers[PeerAddressHandler.header] ?? "unknown"), "this client address")
        }
        if let wait = self.take(bucket) {
            throw APIError(
                status: .tooManyRequests, code: "rate_limited", message: "over \(self.perMinute) requests per minute for \(what)",
                headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))]
            )
        }
        // A key this request proved valid pays for it itself: the address gets its token back.
        let settle = { [self] in
            guard let digest, bucket.hasPrefix("address:"), self.keys.isKnown(digest: digest) else { return }
            _ = self.take("key:" + digest)
            self.refund(bucket)
        }
        do {
            let response = try await next(request, context)
            settle()
            return response
        } catch {
            settle()
            throw error
        }
    }

    /// Gives one token back to `key`'s bucket.
    private func refund(_ key: String) {
        let capacity = Double(self.perMinute)
        self.buckets.state.withLock { buckets in
            if var bucket = buckets[key] {
                bucket.tokens = min(capacity, bucket.tokens + 1)
                buckets[key] = bucket
            }
        }
    }

    /// Takes one token from `key`'s bucket; the seconds to wait when it is empty.
    private func take(_ key: String) -> Double? {
        let capacity = Double(self.perMinute)
        let perSecond = capacity / 60
        let now = ContinuousClock.now
        return self.buckets.state.withLock { buckets in
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
    }

    /// Probes and scrapes are never limited: an orchestrator must always see the truth.
    static func isOperational(_ path: String) -> Bool {
        ["/healthz", "/readyz", "/metrics"].contains(path)
    }

    /// The digest of the caller's key: the bearer token, or Open311's `api_key` (never kept in clear).
    static func keyDigest(of request: Request) -> String? {
        if let secret = Authenticator.bearer(request) { return APIKeys.digest(secret) }
        return request.uri.queryParameters["api_key"].map { APIKeys.digest(String($0)) }
    }
}
