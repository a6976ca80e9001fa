import AsyncHTTPClient
import Foundation
import HotlineCrypto
import HotlineDomain
import NIOCore
import NIOHTTP1

/// Posts each SMS as JSON to `SMS_GATEWAY_URL`, signed with `X-Hotline-Signature`.
struct HTTPSMSGateway: SMSGateway {
    let url: String
    let secret: String
    let client: HTTPClient
    let timeout: TimeAmount

    init(url: String, secret: String, timeout: TimeAmount = .seconds(5)) {
        self.url = url
        self.secret = secret
        var configuration = HTTPClient.Configuration()
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
            request.headers.add(name: "X-Hotline-Signature", value: HMACSHA256.signatureHeader(secret: self.secret, body: Array(body)))
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

    func shutdown() async {
        try? await self.client.shutdown()
    }
}
