import Foundation
import Testing

/// The built services, started with a bad value, exit at once naming it (no stack needed: the
/// configuration is read before anything connects); `config` prints the effective values with
/// the secrets hidden, from the same code as the start log.
@Suite struct ConfigurationStartTests {
    /// `.build/debug/<name>`, beside this test binary or under the repository's root.
    static func binary(_ name: String) throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path,
            ConfigurationDocsTests.root.appendingPathComponent(".build/debug/\(name)").path,
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "build it first: swift build --product \(name)")
    }

    /// Runs `name arguments` with exactly `environment`; its exit status and output (stdout and stderr).
    static func run(_ name: String, _ arguments: [String], _ environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try self.binary(name))
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        ("intake", "PG_POOL_SIZE", "abc", "PG_POOL_SIZE: 'abc' is not an integer ≥ 1"),
        ("intake", "TZ", "Mars/Olympus", "TZ: 'Mars/Olympus' is not an IANA time zone"),
        ("intake", "DATABASE_URL", "mysql://root:hunter2@db/x", "DATABASE_URL: 'mysql://root:***@db/x' is not a postgres://"),
        ("dispatcher", "DUPLICATE_WINDOW", "24h", "DUPLICATE_WINDOW: '24h' is not an ISO 8601 duration"),
        ("notifier", "AMQP_URL", "http://guest:hunter2@mq/", "AMQP_URL: 'http://guest:***@mq/' is not amqp://"),
    ])
    func badValueStopsTheStart(service: String, key: String, value: String, message: String) throws {
        // Ports no one listens on: were the value taken, the service would try to connect, not exit at once.
        let environment = [key: value, "INTAKE_HTTP_PORT": "1", "DISPATCHER_HTTP_PORT": "1", "NOTIFIER_HTTP_PORT": "1"]
        let started = Date()
        let (status, output) = try Self.run(service, ["serve"], environment)
        #expect(status == 1, "output: \(output)")
        #expect(output.contains(message), "output: \(output)")
        #expect(!output.contains("hunter2"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test(arguments: ["intake", "dispatcher", "notifier"])
    func anUnreachableDatabaseStopsTheStart(service: String) throws {
        // Nothing listens on port 1: the start-up (inside the service group) fails at once.
        let environment = [
            "DATABASE_URL": "postgres://hotline:hunter2@127.0.0.1:1/hotline", "AMQP_URL": "amqp://guest:guest@127.0.0.1:1/%2f",
            "INTAKE_HTTP_PORT": "1", "DISPATCHER_HTTP_PORT": "1", "NOTIFIER_HTTP_PORT": "1",
            "SMS_SINK_FILE": FileManager.default.temporaryDirectory.appendingPathComponent("start-test-sms.jsonl").path,
        ]
        let started = Date()
        let (status, output) = try Self.run(service, ["serve"], environment)
        #expect(status == 1, "output: \(output)")
        #expect(output.contains("\(service) cannot start:"), "output: \(output)")
        #expect(!output.contains("hunter2"))
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func configPrintsTheEffectiveValuesWithoutSecrets() throws {
        let (status, output) = try Self.run(
            "notifier", ["config"],
            [
                "DATABASE_URL": "postgres://hotline:db-hunter2@db/hotline", "AMQP_URL": "amqp://app:mq-hunter2@mq/%2f",
                "SMS_GATEWAY_SECRET": "f3a9c1d27b8e4f6a0c5d9e2b7a1f4c8d-hunter2", "QUIET_HOURS": "22:00-07:00",
            ]
        )
        #expect(status == 0, "output: \(output)")
        #expect(!output.contains("hunter2"), "output: \(output)")
        for line in ["DATABASE_URL=postgres://hotline:***@db/hotline", "AMQP_URL=amqp://app:***@mq/%2f", "SMS_GATEWAY_SECRET=***", "QUIET_HOURS=22:00-07:00", "PG_POOL_SIZE=8"] {
            #expect(output.contains(line + "\n"), "\(line) missing: \(output)")
        }
    }

    @Test func markdownIsTheDocsTable() throws {
        let (status, output) = try Self.run("intake", ["config", "--markdown"], [:])
        #expect(status == 0)
        #expect(output.hasPrefix("| variable | services | type | default | meaning |\n"))
        #expect(output.contains("| `DUPLICATE_WINDOW` | dispatcher | ISO 8601 duration | `PT24H` |"))
    }
}
