import AMQP
import Foundation
import Testing

/// Where the test broker is and how to restart it.
///
/// The URL comes from `AMQP_URL`, else from the `AMQP_URL=` line of the first `.run/env` found
/// walking up from this file. Broker control (for the restart test) uses `AMQP_TEST_RUN_DIR`
/// (default: the folder of that `.run/env`) and `AMQP_TEST_STACK_SCRIPT` (default:
/// `deploy/local/stack.sh` found walking up).
enum TestBroker {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func url() throws -> String {
        if let url = ProcessInfo.processInfo.environment["AMQP_URL"], !url.isEmpty { return url }
        if let envFile = self.findUpwards(".run/env"),
           let text = try? String(contentsOfFile: envFile, encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("AMQP_URL=") }) {
            return String(line.dropFirst("AMQP_URL=".count))
        }
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

    static func findUpwards(_ relative: String, from file: String = #filePath) -> String? {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
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
            ?? TestBroker.findUpwards(".run/env").map({ URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        else {
            throw TestBroker.Missing(description: "restart test: set AMQP_TEST_RUN_DIR to the broker's RUN_DIR (holding rabbitmq.pid)")
        }
        guard let stackScript = environment["AMQP_TEST_STACK_SCRIPT"] ?? TestBroker.findUpwards("deploy/local/stack.sh") else {
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

    /// Runs `stack.sh rabbitmq` and waits for it with `waitpid`. Not with Foundation's `Process`:
    /// its `waitUntilExit` never returned here once the script had started the detached broker.
    func start() async throws {
        let (script, runDirectory, port) = (self.stackScript, self.runDirectory, self.port)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var environment = ProcessInfo.processInfo.environment
                environment["RUN_DIR"] = runDirectory
                environment["AMQP_PORT"] = String(port)
                let arguments = ["/bin/bash", script, "rabbitmq"]
                let argv = arguments.map { strdup($0) } + [nil]
                let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
                defer { (argv + envp).forEach { free($0) } }
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, "\(runDirectory)/restart-test.log", O_WRONLY | O_CREAT | O_APPEND, 0o644)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
                // Unblocked, default signals: the broker started here must still stop on SIGTERM
                // (the test process blocks signals in its threads, and children inherit that).
                var attributes = posix_spawnattr_t()
                posix_spawnattr_init(&attributes)
                defer { posix_spawnattr_destroy(&attributes) }
                var none = sigset_t()
                sigemptyset(&none)
                var handled = sigset_t()
                sigemptyset(&handled)
                for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&handled, signal) }
                posix_spawnattr_setsigmask(&attributes, &none)
                posix_spawnattr_setsigdefault(&attributes, &handled)
                posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
                var pid: pid_t = 0
                let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
                guard spawned == 0 else {
                    continuation.resume(throwing: TestBroker.Missing(description: "restart test: cannot run \(script): errno \(spawned)"))
                    return
                }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        guard status == 0 else {
            throw TestBroker.Missing(description: "restart test: \(script) rabbitmq failed (wait status \(status)); see \(runDirectory)/restart-test.log")
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
