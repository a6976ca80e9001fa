import CaseStore
import Foundation
import HTTPTypes
import HotlineCrypto
import HotlineDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import ServiceSupport
import TestSupport
import Testing

@testable import Notifier

/// The gateway's webhooks on the in-memory repository: a missing, wrong or stale signature is
/// 401 and changes nothing; bad bodies are 400; repeats are duplicates; unknown receipts 404.
@Suite struct InboundSMSControllerTests {
    let inbound = InMemoryInboundSMS()
    static let secret = "router-test-gateway-secret-0123456789abcdef"
    let router: Hummingbird.Router<BasicRequestContext>

    init() throws {
        self.router = buildRouter(
            inbound: self.inbound, jurisdiction: FixedJurisdiction(.testFixture), secret: Self.secret, readiness: Readiness(),
            registry: PrometheusCollectorRegistry(), logger: Logger(label: "notifier-router-tests")
        )
    }

    /// Posts `json` to `path`, signed with `secret` at `timestamp` (nil: unsigned).
    static func post(
        _ client: some TestClientProtocol, _ path: String, _ json: [String: Any], secret: String? = nil, timestamp: Int? = nil
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await self.post(client, path, try JSONSerialization.data(withJSONObject: json), secret: secret, timestamp: timestamp)
    }

    /// Posts `body` to `path`, signed as ``post(_:_:_:secret:timestamp:)-([String:Any])`` does.
    static func post(
        _ client: some TestClientProtocol, _ path: String, _ body: Data, secret: String? = nil, timestamp: Int? = nil
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let secret = secret ?? Optional(Self.secret) {
            let at = timestamp ?? Int(Date().timeIntervalSince1970)
            headers[HTTPField.Name("X-Hotline-Timestamp")!] = String(at)
            headers[HTTPField.Name("X-Hotline-Signature")!] = HMACSHA256.signatureHeader(secret: secret, timestamp: at, body: Array(body))
        }
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:])
    }

    static var message: [String: Any] { ["messageId": "m-1", "from": "13800000001", "text": "你好"] }

    @Test func aWrongMissingOrStaleSignatureIs401AndChangesNothing() async throws {
        try await Application(router: self.router).test(.router) { client in
            #expect(try await Self.post(client, "/v1/sms/inbound", Self.message, secret: "another-secret-of-enough-length-000000").status == .unauthorized)
            let stale = Int(Date().timeIntervalSince1970) - 301
            #expect(try await Self.post(client, "/v1/sms/inbound", Self.message, timestamp: stale).status == .unauthorized)
            let unsigned = try await client.execute(
                uri: "/v1/sms/inbound", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: Self.message))
            )
            #expect(unsigned.status == .unauthorized)
            #expect(try await Self.post(client, "/v1/sms/receipts", ["messageId": UUID().uuidString, "status": "delivered"], secret: "x").status == .unauthorized)
        }
        #expect(self.inbound.received.isEmpty)
    }

    @Test func badBodiesAre400() async throws {
        let inbound = try [
            ["from": "13800000001"], ["messageId": " ", "from": "13800000001", "text": "1"], ["messageId": "m", "from": "hello", "text": "1"],
            ["messageId": "m", "from": "13800000001", "text": String(repeating: "长", count: 1001)],
        ].map { try JSONSerialization.data(withJSONObject: $0) }
        let receipts = try [["messageId": "not-a-uuid", "status": "delivered"], ["messageId": UUID().uuidString, "status": "read"]]
            .map { try JSONSerialization.data(withJSONObject: $0) }
        try await Application(router: self.router).test(.router) { client in
            for body in inbound {
                let answer = try await Self.post(client, "/v1/sms/inbound", body)
                #expect(answer.status == .badRequest)
            }
            for body in receipts {
                let answer = try await Self.post(client, "/v1/sms/receipts", body)
                #expect(answer.status == .badRequest)
            }
        }
        #expect(self.inbound.received.isEmpty)
    }

    @Test func aRepeatedMessageIsADuplicate() async throws {
        try await Application(router: self.router).test(.router) { client in
            let first = try await Self.post(client, "/v1/sms/inbound", Self.message)
            #expect(first.status == .ok)
            #expect(first.json["outcome"] as? String == "help")
            let again = try await Self.post(client, "/v1/sms/inbound", Self.message)
            #expect(again.status == .ok)
            #expect(again.json["duplicate"] as? Bool == true)
        }
        #expect(self.inbound.received.count == 1)
        #expect(self.inbound.received["m-1"]?.phone == "13800000001")
    }

    @Test func receiptsOfUnknownNotificationsAre404AndRepeatsDuplicates() async throws {
        let id = UUID().uuidString.lowercased()
        self.inbound.sent(id)
        try await Application(router: self.router).test(.router) { client in
            #expect(try await Self.post(client, "/v1/sms/receipts", ["messageId": UUID().uuidString, "status": "delivered"]).status == .notFound)
            let delivered = try await Self.post(client, "/v1/sms/receipts", ["messageId": id, "status": "delivered"])
            #expect(delivered.status == .ok)
            #expect(delivered.json["status"] as? String == "delivered")
            #expect(try await Self.post(client, "/v1/sms/receipts", ["messageId": id, "status": "delivered"]).json["duplicate"] as? Bool == true)
        }
        #expect(self.inbound.status(of: id) == "delivered")
    }
}
