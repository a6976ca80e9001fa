import Foundation
import HotlineCrypto
import Postgres
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The notifier's side of the running stack, for the notifier and broadcast tests: the SMS
/// gateway stub it sends to (`Tests/support/sms_gateway_stub.py`, found through the running
/// notifier's own environment), signed inbound requests, and its tables.
///
/// Without a notifier that sends to the stub these tests fail; `make test` starts the stub first.
struct NotifierHarness: Sendable {
    let stack: Stack
    /// `SMS_GATEWAY_URL` of the running notifier.
    let gatewayURL: String
    /// The stub's base URL (control and attempts).
    let stubURL: String
    /// `SMS_GATEWAY_SECRET` of the running notifier.
    let secret: String

    static func load() throws -> NotifierHarness {
        let stack = try Stack.load()
        let environment = Self.environment(ofProcess: try stack.pid("notifier"))
        let process = ProcessInfo.processInfo.environment
        guard let url = environment["SMS_GATEWAY_URL"] ?? process["SMS_GATEWAY_URL"], !url.isEmpty,
            let components = URLComponents(string: url), let host = components.host, let port = components.port
        else {
            throw StackError("the notifier runs without SMS_GATEWAY_URL: start the gateway stub and the stack as `make test` does")
        }
        let secret = environment["SMS_GATEWAY_SECRET"] ?? process["SMS_GATEWAY_SECRET"] ?? ""
        return NotifierHarness(stack: stack, gatewayURL: url, stubURL: "http://\(host):\(port)", secret: secret)
    }

    /// The environment of a running process (`/proc/<pid>/environ`).
    static func environment(ofProcess pid: Int32) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return [:] }
        var environment: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let eq = text.firstIndex(of: "=") else { continue }
            environment[String(text[..<eq])] = String(text[text.index(after: eq)...])
        }
        return environment
    }

    // MARK: People and tickets

    /// A mobile number no other test uses (137..., unlike the demo staff's 139093...).
    static func uniquePhone() -> String {
        "137" + String(format: "%08d", Int.random(in: 0..<100_000_000))
    }

    /// A streetlight ticket in 金岸社区 (lead department CG) from `phone`; the house number varies
    /// so that no two tests' tickets are linked as duplicates.
    static func ticket(phone: String, description: String = "门前路灯不亮，晚上行人看不清路", extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "channel": "phone", "caller": ["name": "测试居民", "phone": phone],
            "description": "金岸路东段" + description, "location": ["address": "金岸路东段\(Int.random(in: 100...99_999))号门前"],
        ]
        body.merge(extra) { $1 }
        return body
    }

    /// Creates a ticket and waits until it is `assigned`; returns (id, number).
    func assignedTicket(phone: String, extra: [String: Any] = [:]) async throws -> (id: String, number: String) {
        let (status, created) = try await self.stack.createTicket(Self.ticket(phone: phone, extra: extra))
        guard status == 201, let id = created["id"] as? String, let number = created["number"] as? String else {
            throw StackError("ticket not created: \(status) \(created)")
        }
        let ticket = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        guard ticket["status"] as? String == "assigned" else { throw StackError("ticket \(number) not assigned: \(ticket["status"] ?? "-")") }
        return (id, number)
    }

    /// A new API key of role `department` for `code`, stored hashed as `intake keys create` does.
    func departmentKey(_ code: String) throws -> String {
        let secret = "hk_" + Hex.encode(SecureRandom.bytes(24))
        try self.sql(
            "INSERT INTO api_keys (id, name, role, department, key_hash) VALUES ($1::uuid, $2, 'department', $3, $4)",
            [UUID().uuidString, "notifier-tests-\(code)", code, SHA256Digest.hex(secret)]
        )
        return secret
    }

    /// The department resolves the ticket over HTTP.
    func resolve(_ id: String, department key: String, note: String = "路灯已更换，恢复照明") async throws -> Int {
        try await self.stack.http("POST", self.stack["INTAKE_URL"] + "/v1/tasks/\(id)/resolve", json: ["note": note], key: key).status
    }

    // MARK: The gateway stub

    /// The stub answers the next requests for `phone` (and `kind`) with `responses`, held back by `delays` seconds.
    func steer(_ phone: String, kind: String? = nil, responses: [Int], delays: [Double] = []) async throws {
        var body: [String: Any] = ["phone": phone, "responses": responses, "delays": delays]
        if let kind { body["kind"] = kind }
        let (status, _) = try await self.stack.http("POST", self.stubURL + "/control", json: body)
        guard status == 200 else { throw StackError("gateway stub /control answered \(status)") }
    }

    /// Every request the stub got for `phone`, in order of arrival.
    func attempts(_ phone: String) async throws -> [[String: Any]] {
        let (_, json) = try await self.stack.http("GET", self.stubURL + "/attempts?phone=\(phone)")
        return (json["attempts"] as? [[String: Any]] ?? []).sorted { ($0["at"] as? Double ?? 0) < ($1["at"] as? Double ?? 0) }
    }

    /// Polls the stub until the attempts for `phone` satisfy `done`; returns the last ones seen.
    func waitForAttempts(
        _ phone: String, seconds: Double = 15, until done: ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [[String: Any]] = []
        while Date() < deadline {
            last = try await self.attempts(phone)
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    // MARK: The notifier's HTTP side

    /// `POST /v1/sms/inbound` with a fresh `messageId` (or `messageId`), signed with the
    /// notifier's secret (CONTRACTS.md section 6) unless `signature` is given; `timestamp`
    /// (Unix seconds, now unless given) goes in `X-Hotline-Timestamp`.
    func inbound(
        from phone: String, text: String, messageId: String = UUID().uuidString, signature: String? = nil, timestamp: Int? = nil
    ) async throws -> (status: Int, json: [String: Any]) {
        let body = try JSONSerialization.data(
            withJSONObject: [
                "messageId": messageId, "from": phone, "text": text, "receivedAt": ISO8601DateFormatter().string(from: Date()),
            ]
        )
        return try await self.signedPost("/v1/sms/inbound", body, signature: signature, timestamp: timestamp)
    }

    /// `POST /v1/sms/receipts`, signed unless `signature` is given.
    func receipt(
        _ messageId: String, status: String, signature: String? = nil, timestamp: Int? = nil
    ) async throws -> (status: Int, json: [String: Any]) {
        let body = try JSONSerialization.data(
            withJSONObject: ["messageId": messageId, "status": status, "at": ISO8601DateFormatter().string(from: Date())]
        )
        return try await self.signedPost("/v1/sms/receipts", body, signature: signature, timestamp: timestamp)
    }

    /// Posts `body` to the notifier with `X-Hotline-Timestamp` and `X-Hotline-Signature`.
    func signedPost(_ path: String, _ body: Data, signature: String? = nil, timestamp: Int? = nil) async throws -> (status: Int, json: [String: Any]) {
        let timestamp = timestamp ?? Int(Date().timeIntervalSince1970)
        let header = signature ?? HMACSHA256.signatureHeader(secret: self.secret, timestamp: timestamp, body: Array(body))
        return try await self.stack.http(
            "POST", self.stack["NOTIFIER_URL"] + path,
            headers: ["Content-Type": "application/json", "X-Hotline-Timestamp": String(timestamp), "X-Hotline-Signature": header], body: body
        )
    }

    /// A sample's value on the notifier's `/metrics` (e.g. `hotline_sms_deferred_total{reason="rate_limit"}`); 0 when absent.
    func metric(_ sample: String) async throws -> Double {
        var request = URLRequest(url: URL(string: self.stack["NOTIFIER_URL"] + "/metrics")!)
        request.timeoutInterval = 10
        let (data, _) = try await URLSession.shared.data(for: request)
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    // MARK: The database

    /// Runs one statement on the stack's database; each row as column -> text (NULLs left out).
    @discardableResult
    func sql(_ text: String, _ parameters: [String?] = []) throws -> [[String: String]] {
        let connection = try PostgresConnection(url: self.stack["DATABASE_URL"])
        let rows = try connection.query(text, parameters.map { $0 as (any PostgresEncodable)? })
        return try rows.map { row in
            var out: [String: String] = [:]
            for column in rows.columns {
                if let value = try row.decode(column, as: String?.self) { out[column] = value }
            }
            return out
        }
    }

    /// The notifications rows of a ticket, oldest first.
    func notifications(ticket id: String) throws -> [[String: String]] {
        try self.sql(
            """
            SELECT id::text AS id, kind, recipient, status, attempts::text AS attempts, last_error, deferred_reason,
                extract(epoch FROM not_before)::text AS not_before
            FROM notifications WHERE ticket_id = $1::uuid ORDER BY created_at, kind
            """,
            [id]
        )
    }
}
