import Foundation
import TestSupport

/// A second stack, beside the main one, whose broker is a local 3-node RabbitMQ cluster
/// (`RABBITMQ_NODES=3`), so that stopping a node never disturbs the main stack's tests.
///
/// It lives in `.run-cluster/` next to `.run/`, on ports derived from the main stack's:
/// PostgreSQL on `PG_PORT`+1, the broker nodes on `AMQP_PORT`+1, +2, +3 (distribution ports
/// +20000), the services on their HTTP ports +10; its notifier writes SMS to its own file sink.
struct ClusterStack {
    let stack: Stack

    /// Starts the cluster stack (removing what an interrupted run left) and waits until its three
    /// services are ready; stops it again if that fails.
    static func start(beside main: Stack) throws -> ClusterStack {
        func port(_ key: String, _ offset: Int) throws -> String {
            guard let value = Int(main[key]) else { throw StackError("the main stack's env has no \(key)") }
            return String(value + offset)
        }
        let runDir = main.root.appendingPathComponent(".run-cluster").path
        let launcher = Stack(
            env: [
                "RUN_DIR": runDir, "RABBITMQ_NODES": "3",
                "PG_PORT": try port("PG_PORT", 1), "AMQP_PORT": try port("AMQP_PORT", 1),
                "INTAKE_HTTP_PORT": try port("INTAKE_HTTP_PORT", 10), "DISPATCHER_HTTP_PORT": try port("DISPATCHER_HTTP_PORT", 10),
                "NOTIFIER_HTTP_PORT": try port("NOTIFIER_HTTP_PORT", 10),
            ],
            root: main.root
        )
        // Its own URLs and SMS sink, not whatever `make test` exported for the main stack.
        let own: [String: String?] = ["DATABASE_URL": nil, "AMQP_URL": nil, "SMS_GATEWAY_URL": nil, "SMS_SINK_FILE": nil, "HOTLINE_ENV_FILE": nil]
        try launcher.runScript(["down"], environment: own)
        do {
            try launcher.runScript(["up"], environment: own)
            let env = StackEnvironment.parse(try String(contentsOfFile: runDir + "/env", encoding: .utf8))
            return ClusterStack(stack: Stack(env: env, root: main.root))
        } catch {
            ClusterStack(stack: launcher).stop(keepingLogsIn: main)
            throw error
        }
    }

    /// Stops everything the cluster stack started and deletes its data, first copying its logs
    /// (services' and broker nodes') to `<main RUN_DIR>/cluster-logs/` for a look after a failure.
    func stop(keepingLogsIn main: Stack) {
        let runDir = self.stack["RUN_DIR"]
        let kept = (main.env["RUN_DIR"] ?? main.root.appendingPathComponent(".run").path) + "/cluster-logs"
        try? FileManager.default.removeItem(atPath: kept)
        try? FileManager.default.copyItem(atPath: runDir + "/logs", toPath: kept)
        for node in ["rabbitmq", "rabbitmq2", "rabbitmq3"] {
            try? FileManager.default.copyItem(atPath: "\(runDir)/\(node)/log", toPath: "\(kept)/\(node)")
        }
        _ = try? self.stack.runScript(["down"])
    }

    /// `rabbitmqctl ARGS --formatter json` on a running node of the cluster, decoded.
    func rabbitmqctl(_ arguments: String...) throws -> [[String: Any]] {
        let output = try self.stack.runScript(["rabbitmqctl"] + arguments + ["--formatter", "json"])
        guard let rows = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] else {
            throw StackError("rabbitmqctl \(arguments) printed no JSON list: \(output.prefix(200))")
        }
        return rows
    }

    /// How many client connections each node's AMQP port holds now.
    func connectionsByPort() throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for row in try self.rabbitmqctl("list_connections", "name") {
            // "127.0.0.1:41234 -> 127.0.0.1:5983"
            if let name = row["name"] as? String, let port = name.split(separator: ":").last.flatMap({ Int($0) }) {
                counts[port, default: 0] += 1
            }
        }
        return counts
    }
}
