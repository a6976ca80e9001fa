import Foundation
import Testing

/// One-key response (一键响应) end to end: intake stores the broadcast and emits one event, the
/// notifier fans it out to the grid workers in scope through the gateway, workers' 收到/OK
/// replies acknowledge it, and `GET /v1/broadcasts/{id}` counts delivery and acknowledgement.
@Suite struct BroadcastTests {
    /// 双湾镇 (street 620402004): 12 grids, 12 workers.
    static let street = "620402004"

    @Test func broadcastToAStreetCountsAcknowledgements() async throws {
        let notifier = try NotifierHarness.load()
        let stack = notifier.stack
        let url = stack["INTAKE_URL"] + "/v1/broadcasts"
        let text = "防汛预警：今晚有强降雨，请立即排查辖区低洼地带和危旧房屋（测试\(Int.random(in: 1000...9999))）"

        let (status, created) = try await stack.http(
            "POST", url, json: ["scope": ["street": Self.street], "text": text, "requireAck": true], key: stack["OPERATOR_KEY"]
        )
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        #expect((created["scope"] as? [String: Any])?["street"] as? String == Self.street)

        // One event for the whole fan-out.
        let events = try notifier.sql(
            "SELECT body FROM outbox WHERE message_type = 'broadcast.created' AND body LIKE $1", ["%\(id)%"]
        )
        #expect(events.count == 1)

        // Every worker in scope gets a signed `broadcast` SMS.
        let view = try await self.waitForBroadcast(id, stack) { ($0["totals"] as? [String: Any])?["sent"] as? Int == 12 }
        let totals = try #require(view["totals"] as? [String: Any])
        #expect(totals["recipients"] as? Int == 12)
        #expect(totals["sent"] as? Int == 12)
        let recipients = try #require(view["recipients"] as? [[String: Any]])
        #expect(recipients.allSatisfy { $0["name"] is String && $0["sentAt"] is String && ($0["grids"] as? [String])?.count == 1 })
        let phones = recipients.compactMap { $0["phone"] as? String }
        #expect(Set(phones).count == 12)
        #expect(phones.contains("13909368944"))  // 尹刚, 沙井村第1网格
        let attempts = try await notifier.attempts("13909368944").filter { $0["kind"] as? String == "broadcast" }
        #expect(attempts.last?["signatureOk"] as? Bool == true)
        let sms = try await stack.waitForSMS { $0["to"] as? String == "13909368944" && ($0["text"] as? String)?.contains(text) == true }
        #expect((sms.first?["text"] as? String)?.contains("收到") == true)

        // Two workers acknowledge (收到, ok), one twice; a stranger's 收到 acknowledges nothing.
        let (first, second) = (phones[0], phones[5])
        #expect(try await notifier.inbound(from: first, text: "收到").json["outcome"] as? String == "acknowledged \(id)")
        #expect(try await notifier.inbound(from: second, text: " ok ").json["outcome"] as? String == "acknowledged \(id)")
        #expect(try await notifier.inbound(from: first, text: "OK").json["outcome"] as? String == "already acknowledged \(id)")
        let stranger = NotifierHarness.uniquePhone()
        #expect(try await notifier.inbound(from: stranger, text: "收到").json["outcome"] as? String == "help")

        // A delivery receipt for one of them.
        let messageId = try #require(
            try notifier.sql("SELECT notification_id::text AS m FROM broadcast_recipients WHERE broadcast_id = $1::uuid AND phone = $2", [id, first])
                .first?["m"]
        )
        #expect(try await notifier.receipt(messageId, status: "delivered").status == 200)

        let (_, final) = try await stack.http("GET", url + "/\(id)", key: stack["OPERATOR_KEY"])
        let finalTotals = try #require(final["totals"] as? [String: Any])
        #expect(finalTotals["acknowledged"] as? Int == 2)
        #expect(finalTotals["delivered"] as? Int == 1)
        let byPhone = Dictionary(
            ((final["recipients"] as? [[String: Any]]) ?? []).map { ($0["phone"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a }
        )
        #expect(byPhone[first]?["acknowledgedAt"] is String)
        #expect(byPhone[first]?["deliveredAt"] is String)
        #expect(byPhone[first]?["status"] as? String == "delivered")
        #expect(byPhone[second]?["acknowledgedAt"] is String)
        #expect(byPhone[phones[1]]?["acknowledgedAt"] == nil)
        let acknowledged = try notifier.sql(
            "SELECT body FROM outbox WHERE message_type = 'broadcast.acknowledged' AND body LIKE $1", ["%\(id)%"]
        )
        #expect(acknowledged.count == 2)
    }

    /// A community scope reaches its own grids only; without requireAck the text asks for nothing.
    @Test func communityBroadcastWithoutAcknowledgement() async throws {
        let notifier = try NotifierHarness.load()
        let stack = notifier.stack
        let (status, created) = try await stack.http(
            "POST", stack["INTAKE_URL"] + "/v1/broadcasts",
            json: ["scope": ["community": "620402003001"], "text": "金水社区今晚九点停水检修（测试）", "requireAck": false],
            key: stack["ADMIN_KEY"]
        )
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let view = try await self.waitForBroadcast(id, stack) { ($0["totals"] as? [String: Any])?["sent"] as? Int == 4 }
        #expect((view["totals"] as? [String: Any])?["recipients"] as? Int == 4)
        #expect(view["requireAck"] as? Bool == false)
        let grids = ((view["recipients"] as? [[String: Any]]) ?? []).flatMap { $0["grids"] as? [String] ?? [] }
        #expect(grids.sorted() == ["62040200300101", "62040200300102", "62040200300103", "62040200300104"])
        let sms = try await stack.waitForSMS { $0["to"] as? String == "13909356215" && ($0["text"] as? String)?.contains("停水检修") == true }
        #expect((sms.first?["text"] as? String)?.contains("收到") == false)
    }

    /// Bad bodies are 400 with every field named; roles are enforced; a retried POST with the
    /// same Idempotency-Key is the same broadcast.
    @Test func validationRolesAndIdempotency() async throws {
        let notifier = try NotifierHarness.load()
        let stack = notifier.stack
        let url = stack["INTAKE_URL"] + "/v1/broadcasts"
        let (status, body) = try await stack.http(
            "POST", url, json: ["scope": ["street": "999", "grid": "x"], "text": "", "requireAck": "yes", "extra": 1],
            key: stack["OPERATOR_KEY"]
        )
        #expect(status == 400)
        let fields = Set(((body["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
        #expect(fields == ["scope.street", "scope.grid", "text", "requireAck", "extra"])
        let (twoScopes, _) = try await stack.http(
            "POST", url, json: ["scope": ["street": Self.street, "district": "620402"], "text": "x"], key: stack["OPERATOR_KEY"]
        )
        #expect(twoScopes == 400)
        #expect(try await stack.http("POST", url, json: ["scope": ["street": Self.street], "text": "x"]).status == 401)
        let department = try notifier.departmentKey("CG")
        #expect(try await stack.http("POST", url, json: ["scope": ["street": Self.street], "text": "x"], key: department).status == 403)
        #expect(try await stack.http("GET", url + "/\(UUID().uuidString.lowercased())", key: stack["OPERATOR_KEY"]).status == 404)

        let key = "broadcast-\(UUID().uuidString)"
        let request = ["scope": ["community": "620402004003"], "text": "红光村明早八点村委会集合（测试）", "requireAck": false] as [String: Any]
        let (firstStatus, first) = try await stack.http("POST", url, json: request, key: stack["OPERATOR_KEY"], headers: ["Idempotency-Key": key])
        let (againStatus, again) = try await stack.http("POST", url, json: request, key: stack["OPERATOR_KEY"], headers: ["Idempotency-Key": key])
        #expect(firstStatus == 201 && againStatus == 200)
        #expect(first["id"] as? String == again["id"] as? String)
        var other = request
        other["text"] = "别的内容"
        #expect(try await stack.http("POST", url, json: other, key: stack["OPERATOR_KEY"], headers: ["Idempotency-Key": key]).status == 409)
    }

    private func waitForBroadcast(
        _ id: String, _ stack: Stack, seconds: Double = 15, until done: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/broadcasts/\(id)", key: stack["OPERATOR_KEY"]).json
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }
}
