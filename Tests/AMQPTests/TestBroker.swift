import AMQP
import Foundation
import TestSupport
import Testing

/// Where the test broker is and how to restart it.
///
/// The URL comes from `AMQP_URL`, else from the stack's `.run/env` (``StackEnvironment``). Broker control (for the restart test) uses `AMQP_TEST_RUN_DIR`
/// (default: the folder of that `.run/env`) and `AMQP_TEST_STACK_SCRIPT` (default:
/// `deploy/local/stack.sh` found walking up).
enum TestBroker {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func url() throws -> String {
        if let url = try? StackEnvironment.value("AMQP_URL") { return url }
        throw Missing(description: "No test broker: set AMQP_URL or write AMQP_URL= into .run/env (e.g. `deploy/local/stack.sh rabbitmq`)")
    }

    static func configuration(heartbeat: Int = 30) throws -> AMQPConfiguration {
        try AMQPConfiguration(url: try self.url(), heartbeat: heartbeat, connectionName: "amqp-tests")
    }

    static func connect() throws -> AMQPConnection {
        try AMQPConnection(configuration: try self.configuration())
    }

    /// `test.<prefix>.<random>`: tests run in parallel and beside the app on the same broker.
    static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(UInt64.random(in: 0...UInt64.max).formatted(.number.grouping(.never)))"
    }

    /// The quorum-queue arguments the app uses.
    static func quorumArguments(deadLetterExchange: String? = nil, deadLetterRoutingKey: String? = nil, deliveryLimit: Int64 = 5) -> AMQPTable {
        var arguments: AMQPTable = [
            "x-queue-type": "quorum",
            "x-delivery-limit": .long(deliveryLimit),
            "x-overflow": "reject-publish",
        ]
        if let deadLetterExchange {
            arguments["x-dead-letter-exchange"] = .string(deadLetterExchange)
            arguments["x-dead-letter-strategy"] = "at-least-once"
        }
        if let deadLetterRoutingKey { arguments["x-dead-letter-routing-key"] = .string(deadLetterRoutingKey) }
        return arguments
    }

    /// Polls `body` every 50 ms until it answers non-nil or `timeout` passes.
    static func eventually<T>(timeout: Duration = .seconds(5), _ body: () throws -> T?) throws -> T? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let value = try body() { return value }
            Thread.sleep(forTimeInterval: 0.05)
        } while ContinuousClock.now < deadline
        return nil
    }
}

/// Kills and restarts the private broker of the test run.
struct BrokerControl {
    let runDirectory: String
    let stackScript: String
    let port: Int

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let runDirectory = environment["AMQP_TEST_RUN_DIR"]
            ?? StackEnvironment.findUpwards(".run/env").map({ URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        else {
            throw TestBroker.Missing(description: "restart test: set AMQP_TEST_RUN_DIR to the broker's RUN_DIR (holding rabbitmq.pid)")
        }
        guard let stackScript = environment["AMQP_TEST_STACK_SCRIPT"] ?? StackEnvironment.findUpwards("deploy/local/stack.sh") else {
            throw TestBroker.Missing(description: "restart test: set AMQP_TEST_STACK_SCRIPT to deploy/local/stack.sh")
        }
        self.runDirectory = runDirectory
        self.stackScript = stackScript
        self.port = try TestBroker.configuration().port
    }

    func kill() throws {
        let pidFile = "\(self.runDirectory)/rabbitmq.pid"
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestBroker.Missing(description: "restart test: no broker pid in \(pidFile)")
        }
        Foundation.kill(pid, SIGKILL)
    }

    /// Runs `stack.sh rabbitmq` and waits for it (``Spawn``; not Foundation's `Process`, whose
    /// `waitUntilExit` never returned here once the script had started the detached broker).
    func start() async throws {
        let (script, runDirectory, port) = (self.stackScript, self.runDirectory, self.port)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        try Spawn.run(
                            ["/bin/bash", script, "rabbitmq"], adding: ["RUN_DIR": runDirectory, "AMQP_PORT": String(port)],
                            log: "\(runDirectory)/restart-test.log"
                        )
                    }
                )
            }
        }
        guard status == 0 else {
            throw TestBroker.Missing(description: "restart test: \(script) rabbitmq failed (exit status \(status)); see \(runDirectory)/restart-test.log")
        }
    }
}

/// Collects what a consumer's handler saw, for assertions from the test's task.
actor Recorder {
    private(set) var batches: [[AMQPDelivery]] = []
    var deliveries: [AMQPDelivery] { self.batches.flatMap { $0 } }

    func record(_ batch: [AMQPDelivery]) {
        self.batches.append(batch)
    }

    /// Waits until `predicate` holds, polling every 20 ms, for at most `timeout`.
    func waitUntil(timeout: Duration, _ predicate: ([AMQPDelivery]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(self.deliveries) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return predicate(self.deliveries)
    }
}
