import AMQP
import Foundation
import HotlineCrypto
import Logging
import Postgres
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The running stack as a client sees it: `.run/env`, its HTTP APIs, its broker and SMS sink.
/// `make test` starts it; without it these tests fail (they never pass vacuously).
struct Stack: Sendable {
    let env: [String: String]
    let root: URL

    /// The stack of `.run/env` (``StackEnvironment``: `HOTLINE_ENV_FILE`, else the file found
    /// walking up from here).
    static func load() throws -> Stack {
        do {
            let environment = try StackEnvironment.load()
            return Stack(env: environment.values, root: environment.root)
        } catch let missing as StackEnvironmentMissing {
            throw StackError(missing.description)
        }
    }

    subscript(_ key: String) -> String { self.env[key] ?? "" }

    /// Sends a request and returns the status and the decoded JSON body.
    func http(
        _ method: String, _ url: String, json: Any? = nil, key: String? = nil, headers: [String: String] = [:],
        body: Data? = nil
    ) async throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 15
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let body { request.httpBody = body }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, object)
    }

    /// `POST /v1/tickets` as the operator.
    func createTicket(_ body: [String: Any], idempotencyKey: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        try await self.http(
            "POST", self["INTAKE_URL"] + "/v1/tickets", json: body, key: self["OPERATOR_KEY"],
            headers: idempotencyKey.map { ["Idempotency-Key": $0] } ?? [:]
        )
    }

    /// `GET /v1/tickets/{id}` as the operator.
    func ticket(_ id: String) async throws -> [String: Any] {
        try await self.http("GET", self["INTAKE_URL"] + "/v1/tickets/\(id)", key: self["OPERATOR_KEY"]).json
    }

    /// Polls the ticket until `done` holds or `seconds` pass; returns the last state.
    func waitForTicket(_ id: String, seconds: Double = 15, until done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = (try? await self.ticket(id)) ?? last
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    /// Every SMS in the file sink.
    func smsSink() -> [[String: Any]] {
        let path = self.env["SMS_SINK_FILE"] ?? self.root.appendingPathComponent(".run/sms.jsonl").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Waits until the sink holds `count` SMS matching `match`; returns them.
    func waitForSMS(count: Int = 1, seconds: Double = 15, _ match: @escaping ([String: Any]) -> Bool) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var found: [[String: Any]] = []
        while Date() < deadline {
            found = self.smsSink().filter(match)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        return found
    }

    /// Runs one SQL statement on the stack's database.
    @discardableResult
    func sql(_ text: String, _ parameters: [String] = []) async throws -> PostgresRows {
        let pool = PostgresPool(url: self["DATABASE_URL"], size: 1, logger: Logger(label: "system-tests"))
        let rows = try await pool.withConnection { try $0.query(text, parameters.map { $0 as (any PostgresEncodable)? }) }
        await pool.shutdown()
        return rows
    }

    /// A new API key of role `department` for `code` (stored hashed, as `intake keys create` does).
    func departmentKey(_ code: String) async throws -> String {
        let secret = "hk_test_" + Hex.encode(SecureRandom.bytes(16))
        try await self.sql(
            "INSERT INTO api_keys (id, name, role, department, key_hash) VALUES ($1::uuid, $2, 'department', $3, $4)",
            [UUID().uuidString, "test-\(code)", code, SHA256Digest.hex(secret)]
        )
        return secret
    }

    /// Event types in the ticket's history, in order.
    func historyTypes(_ id: String) async throws -> [String] {
        (try await self.ticket(id)["history"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    }

    /// Publishes one persistent JSON message with confirms, as an integrating system would.
    func publish(exchange: String, routingKey: String, body: [UInt8], messageId: String = UUID().uuidString.lowercased(), type: String) throws {
        let connection = try self.amqp()
        defer { connection.close() }
        try connection.publishConfirmed([
            AMQPOutgoingMessage(
                exchange: exchange, routingKey: routingKey, body: body,
                properties: AMQPProperties(messageId: messageId, type: type, contentType: "application/json", persistent: true)
            )
        ])
    }

    /// A fresh broker connection.
    func amqp() throws -> AMQPConnection {
        try AMQPConnection(configuration: try AMQPConfiguration(url: self["AMQP_URL"]))
    }

    /// Takes from `queue` the first message whose JSON body satisfies `match`, waiting up to
    /// `seconds`; other messages are looked at without being consumed and put back.
    func takeMessage(from queue: String, seconds: Double = 10, _ match: ([String: Any]) -> Bool) async throws -> AMQPDelivery? {
        let connection = try self.amqp()
        defer { connection.close() }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var found: AMQPDelivery?
            var last: UInt64?
            // Unacked deliveries are not handed out again on this channel, so this walks the queue.
            while found == nil, let delivery = try connection.get(queue: queue) {
                let body = (try? JSONSerialization.jsonObject(with: Data(delivery.body))) as? [String: Any] ?? [:]
                if match(body) { found = delivery } else { last = delivery.deliveryTag }
            }
            if let found { try connection.ack(found.deliveryTag) }
            if let last { try connection.nack(last, multiple: true, requeue: true) }
            if let found { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Runs the stack script (`rabbitmq`, `postgres`, `services`...), failing on a non-zero exit.
    func script(_ arguments: String...) throws {
        try self.runScript(arguments)
    }

    /// Runs the stack script with this stack's RUN_DIR and ports, plus `changes` to the
    /// environment (nil removes a variable); answers what it printed on stdout (its log goes to stderr).
    /// `posix_spawn` with every descriptor above stderr closed: a daemon the script starts must
    /// not inherit one of ours (Foundation's `Process` would then wait for the daemon to exit).
    @discardableResult
    func runScript(_ arguments: [String], environment changes: [String: String?] = [:]) throws -> String {
        // The stack's own RUN_DIR and ports, so a second stack restarts its own processes.
        var merged = ProcessInfo.processInfo.environment
        for key in ["RUN_DIR", "PG_PORT", "AMQP_PORT", "INTAKE_HTTP_PORT", "DISPATCHER_HTTP_PORT", "NOTIFIER_HTTP_PORT", "RABBITMQ_NODES"] {
            if let value = self.env[key] { merged[key] = value }
        }
        for (key, value) in changes { merged[key] = value }
        let script = self.root.appendingPathComponent("deploy/local/stack.sh").path
        let (status, output) = try Spawn.run("/bin/bash", [script] + arguments, environment: merged, stderrToo: false)
        guard status == 0 else { throw StackError("stack.sh \(arguments) exited with status \(status)") }
        return output
    }

    /// Runs a built executable (`dispatcher`, `intake`, ...) with the stack's database and
    /// broker; returns its exit status and its output (stdout and stderr together).
    func command(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = self["DATABASE_URL"]
        environment["AMQP_URL"] = self["AMQP_URL"]
        return try Spawn.run("\(self.binDirectory)/\(executable)", arguments, environment: environment, stderrToo: true)
    }

    /// Where the built executables are (`BIN_DIR`, as `make` sets it, else `.build/debug`).
    var binDirectory: String {
        ProcessInfo.processInfo.environment["BIN_DIR"] ?? self.root.appendingPathComponent(".build/debug").path
    }

    /// The pid in `.run/<name>.pid`.
    func pid(_ name: String) throws -> Int32 {
        let runDir = self.env["RUN_DIR"] ?? self.root.appendingPathComponent(".run").path
        let text = try String(contentsOfFile: "\(runDir)/\(name).pid", encoding: .utf8)
        guard let pid = Int32(text.split(separator: "\n").first ?? "") else { throw StackError("no pid for \(name)") }
        return pid
    }
}

struct StackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A demo-district ticket body with a unique phone, so each test finds its own SMS.
/// The house number varies, so that tickets of different tests are not linked as duplicates.
func demoTicket(_ description: String = "金岸路东段门前三盏路灯不亮，晚上行人看不清路", address: String? = nil, extra: [String: Any] = [:]) -> [String: Any] {
    let phone = "139" + String(format: "%08d", Int.random(in: 0..<100_000_000))
    let address = address ?? "金岸路东段\(Int.random(in: 1...9_999_999))号门前"
    var body: [String: Any] = [
        "channel": "phone", "caller": ["name": "测试居民", "phone": phone], "description": description,
        "location": ["address": address],
    ]
    body.merge(extra) { $1 }
    return body
}
