import AsyncHTTPClient
import Foundation
import HotlineCrypto
import HotlineDomain
import NIOCore
import NIOHTTP1
import ServiceSupport

/// Posts each SMS as JSON to `SMS_GATEWAY_URL`, signed with `X-Hotline-Timestamp` and
/// `X-Hotline-Signature` (CONTRACTS.md section 6).
///
/// The URL must be `https://`, or `http://` to a loopback address (a gateway stub or a local
/// TLS-terminating proxy); redirects are not followed (a 3xx is a permanent failure), so the
/// signed message and the residents' phone numbers go to that address only.
struct HTTPSMSGateway: SMSGateway {
    let url: String
    let secret: String
    let client: HTTPClient
    let timeout: TimeAmount

    init(url: String, secret: String, timeout: TimeAmount = .seconds(5)) throws {
        try Self.check(url)
        self.url = url
        self.secret = secret
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
    }

    func send(_ sms: OutboundSMS) async -> SendOutcome {
        do {
            let body = try HotlineJSON.encoder().encode(sms)
            var request = HTTPClientRequest(url: self.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            let timestamp = Int(Date().timeIntervalSince1970)
            request.headers.add(name: "X-Hotline-Timestamp", value: String(timestamp))
            request.headers.add(
                name: "X-Hotline-Signature", value: HMACSHA256.signatureHeader(secret: self.secret, timestamp: timestamp, body: Array(body))
            )
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await self.client.execute(request, timeout: self.timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            switch response.status.code {
            case 200..<300: return .accepted
            case 429, 500..<600:
                let after = response.headers.first(name: "Retry-After").flatMap(Double.init)
                return .retry("gateway answered \(response.status.code)", after: after)
            default: return .permanent("gateway answered \(response.status.code)")
            }
        } catch {
            return .retry("\(error)")
        }
    }

    /// Refuses a gateway URL that is not `https://`, or `http://` to a loopback host.
    static func check(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw SettingsError(key: "SMS_GATEWAY_URL", message: "not an absolute http(s) URL") }
        switch scheme {
        case "https": return
        case "http" where Self.isLoopback(host): return
        case "http": throw SettingsError(key: "SMS_GATEWAY_URL", message: "http:// only to a loopback address; use https://")
        default: throw SettingsError(key: "SMS_GATEWAY_URL", message: "scheme '\(scheme)' is not http(s)")
        }
    }

    /// `localhost`, 127.0.0.0/8 and ::1.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || (host.hasPrefix("127.") && host.split(separator: ".").count == 4)
    }

    func shutdown() async {
        try? await self.client.shutdown()
    }
}
