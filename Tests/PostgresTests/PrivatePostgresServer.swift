import Foundation
import TestSupport

/// A throwaway PostgreSQL server of the test's own, started with `deploy/local/stack.sh postgres`
/// in a temporary `RUN_DIR` on a free port, so that killing it disturbs no other test.
///
/// The script is found walking up from this file, or named by `POSTGRES_STACK_SCRIPT`.
struct PrivatePostgresServer {
    let runDirectory: String
    let port: Int
    let script: String

    var url: String { "postgres://hotline@127.0.0.1:\(self.port)/hotline" }

    /// Initialises and starts a new server (about a second).
    static func start(filePath: String = #filePath) throws -> PrivatePostgresServer {
        guard let script = ProcessInfo.processInfo.environment["POSTGRES_STACK_SCRIPT"]
            ?? StackEnvironment.findUpwards("deploy/local/stack.sh", from: filePath)
        else { throw TestSetupError("cannot find deploy/local/stack.sh; set POSTGRES_STACK_SCRIPT") }
        let server = PrivatePostgresServer(
            runDirectory: NSTemporaryDirectory() + "postgres-restart-" + UUID().uuidString.prefix(8),
            port: try Self.freePort(),
            script: script
        )
        try server.startPostmaster()
        return server
    }

    /// SIGKILL to the postmaster, then waits until it is gone.
    func killPostmaster() throws {
        let pid = try self.postmasterPID()
        guard kill(pid, SIGKILL) == 0 else { throw TestSetupError("kill -9 \(pid) failed: errno \(errno)") }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, Self.isRunning(pid) { Thread.sleep(forTimeInterval: 0.05) }
    }

    /// Starts the postmaster again (the script retries while old backends linger).
    func startPostmaster() throws {
        let status = try Spawn.run(
            ["/bin/bash", self.script, "postgres"], adding: ["RUN_DIR": self.runDirectory, "PG_PORT": String(self.port)],
            log: self.runDirectory + ".spawn.log"
        )
        guard status == 0 else { throw TestSetupError("\(self.script) postgres exited with status \(status); see \(self.runDirectory).spawn.log") }
    }

    /// Stops the server at once and deletes its files.
    func destroy() {
        if let pid = try? self.postmasterPID(), kill(pid, SIGQUIT) == 0 {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, Self.isRunning(pid) { Thread.sleep(forTimeInterval: 0.05) }
        }
        try? FileManager.default.removeItem(atPath: self.runDirectory)
    }

    private func postmasterPID() throws -> Int32 {
        let file = self.runDirectory + "/postgres.pid"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              let pid = Int32(text.split(separator: "\n").first ?? "")
        else { throw TestSetupError("cannot read the postmaster pid from \(file)") }
        return pid
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        // A zombie still answers kill(0); it is dead all the same.
        let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !status.contains(") Z ")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw TestSetupError("cannot find a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
