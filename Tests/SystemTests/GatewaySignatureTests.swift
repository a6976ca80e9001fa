import Foundation
import HotlineCrypto
import Testing
import TestSupport

/// The SMS gateway's signatures (CONTRACTS.md sections 6 and 9) on the running notifier: the
/// timestamped HMAC both ways, replays and stale requests refused, repeated message ids without
/// effect, weak secrets and plain-HTTP gateways refused at start, redirects not followed.
@Suite struct GatewaySignatureTests {
    /// A repeated inbound messageId is 200 `{"duplicate": true}` and changes nothing; the same
    /// text under a new id is a new message.
    @Test func repeatedInboundMessageIdHasNoEffect() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let messageId = "gw-" + UUID().uuidString
        let first = try await notifier.inbound(from: phone, text: "你好", messageId: messageId)
        #expect(first.status == 200)
        #expect(first.json["duplicate"] == nil)
        let again = try await notifier.inbound(from: phone, text: "你好", messageId: messageId)
        #expect(again.status == 200)
        #expect(again.json["duplicate"] as? Bool == true)
        #expect(try notifier.sql("SELECT id FROM inbound_sms WHERE sender = $1", [phone]).count == 1)
        // Only the first got the help reply.
        _ = try await notifier.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "help" }
        try await Task.sleep(for: .seconds(1))
        #expect(try notifier.sql("SELECT id FROM notifications WHERE recipient = $1 AND kind = 'help'", [phone]).count == 1)

        let other = try await notifier.inbound(from: phone, text: "你好", messageId: messageId + "-2")
        #expect(other.status == 200 && other.json["duplicate"] == nil)
        #expect(try notifier.sql("SELECT id FROM inbound_sms WHERE sender = $1", [phone]).count == 2)
    }

    /// A replayed delivery receipt is a duplicate: no second failure event.
    @Test func repeatedReceiptIsADuplicate() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        _ = try await notifier.assignedTicket(phone: phone)
        let sms = try await notifier.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "receipt" }
        let messageId = try #require(sms.first?["messageId"] as? String)
        let first = try await notifier.receipt(messageId, status: "delivered")
        #expect(first.status == 200 && first.json["duplicate"] == nil)
        let again = try await notifier.receipt(messageId, status: "delivered")
        #expect(again.status == 200 && again.json["duplicate"] as? Bool == true)
    }

    /// Stale, future, missing timestamps and the old body-only signature: 401, nothing stored.
    @Test func staleOrUnsignedRequestsAreRefused() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let now = Int(Date().timeIntervalSince1970)
        #expect(try await notifier.inbound(from: phone, text: "1", timestamp: now - 330).status == 401)
        #expect(try await notifier.inbound(from: phone, text: "1", timestamp: now + 330).status == 401)
        #expect(try await notifier.inbound(from: phone, text: "1", timestamp: now - 250).status == 200)

        let body = try JSONSerialization.data(
            withJSONObject: ["messageId": UUID().uuidString, "from": phone, "text": "1", "receivedAt": ISO8601DateFormatter().string(from: Date())]
        )
        // The scheme before: HMAC of the body alone.
        let bodyOnly = "sha256=" + Hex.encode(HMACSHA256.mac(key: Array(notifier.secret.utf8), message: Array(body)))
        #expect(try await notifier.signedPost("/v1/sms/inbound", body, signature: bodyOnly, timestamp: now).status == 401)
        // Signed for one timestamp, sent with another.
        let otherStamp = HMACSHA256.signatureHeader(secret: notifier.secret, timestamp: now - 1, body: Array(body))
        #expect(try await notifier.signedPost("/v1/sms/inbound", body, signature: otherStamp, timestamp: now).status == 401)
        // No timestamp header at all.
        let unstamped = try await notifier.stack.http(
            "POST", notifier.stack["NOTIFIER_URL"] + "/v1/sms/inbound",
            headers: ["Content-Type": "application/json", "X-Hotline-Signature": HMACSHA256.signatureHeader(secret: notifier.secret, timestamp: now, body: Array(body))],
            body: body
        )
        #expect(unstamped.status == 401)
        #expect(try notifier.sql("SELECT id FROM inbound_sms WHERE sender = $1", [phone]).count == 1)
        // Receipts are checked the same way.
        #expect(try await notifier.receipt(UUID().uuidString, status: "delivered", timestamp: now - 400).status == 401)
    }

    /// Outbound requests carry a fresh timestamp that the stub checks with the signature.
    @Test func outboundRequestsAreSignedWithATimestamp() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        _ = try await notifier.assignedTicket(phone: phone)
        let attempts = try await notifier.waitForAttempts(phone) { !$0.isEmpty }
        #expect(!attempts.isEmpty)
        #expect(attempts.allSatisfy { $0["signatureOk"] as? Bool == true })
    }

    /// A redirect from the gateway is a permanent failure, never followed.
    @Test func redirectsAreNotFollowed() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        try await notifier.steer(phone, kind: "receipt", responses: [302])
        _ = try await notifier.assignedTicket(phone: phone)
        _ = try await notifier.waitForAttempts(phone) { $0.contains { $0["kind"] as? String == "receipt" } }
        try await Task.sleep(for: .seconds(2))
        let receipts = try await notifier.attempts(phone).filter { $0["kind"] as? String == "receipt" }
        #expect(receipts.count == 1)
        #expect(receipts.first?["status"] as? Int == 302)
        let rows = try notifier.sql("SELECT status FROM notifications WHERE recipient = $1 AND kind = 'receipt'", [phone])
        #expect(rows.first?["status"] == "failed")
    }

    /// Without `SMS_GATEWAY_SECRET`, the stack script generates one (32 random bytes, hex), keeps
    /// it in its run folder and writes it to `.run/env`; the next run keeps the same one.
    @Test func stackGeneratesASecretWhenNoneIsGiven() throws {
        let stack = try Stack.load()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "OPERATOR_KEY=unused\n".write(to: folder.appendingPathComponent("keys.env"), atomically: true, encoding: .utf8)
        func written() throws -> String? {
            _ = try stack.runScript(["env"], environment: ["RUN_DIR": folder.path, "SMS_GATEWAY_SECRET": nil])
            return StackEnvironment.parse(try String(contentsOf: folder.appendingPathComponent("env"), encoding: .utf8))["SMS_GATEWAY_SECRET"]
        }
        let first = try #require(try written())
        #expect(first.count == 64 && first.allSatisfy(\.isHexDigit), "\(first)")
        #expect(try written() == first)
    }

    /// Weak or published secrets with a gateway, and a plain-HTTP gateway elsewhere than loopback:
    /// the notifier exits at start naming the variable.
    @Test(arguments: [
        ("hotline-dev-secret", "http://127.0.0.1:1/sms", "SMS_GATEWAY_SECRET"),
        ("CHANGE-ME-PLACEHOLDER", "http://127.0.0.1:1/sms", "SMS_GATEWAY_SECRET"),
        ("0123456789abcdef0123456789abcde", "http://127.0.0.1:1/sms", "SMS_GATEWAY_SECRET"),
        ("", "http://127.0.0.1:1/sms", "SMS_GATEWAY_SECRET"),
        ("f3a9c1d27b8e4f6a0c5d9e2b7a1f4c8d", "http://sms.example.com/send", "SMS_GATEWAY_URL"),
    ])
    func notifierRefusesToStart(secret: String, url: String, variable: String) async throws {
        let stack = try Stack.load()
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack["DATABASE_URL"]
        environment["AMQP_URL"] = stack["AMQP_URL"]
        environment["NOTIFIER_HTTP_PORT"] = "1"
        environment["SMS_GATEWAY_URL"] = url
        environment["SMS_GATEWAY_SECRET"] = secret
        let (status, output) = try Spawn.run("\(stack.binDirectory)/notifier", ["serve"], environment: environment, stderrToo: true)
        #expect(status != 0)
        #expect(output.contains(variable), "output: \(output)")
    }
}
