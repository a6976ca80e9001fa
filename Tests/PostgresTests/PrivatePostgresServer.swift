import Foundation

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
            ?? TestDatabase.findUpwards("deploy/local/stack.sh", from: filePath)
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
        let environment = ProcessInfo.processInfo.environment.merging(
            ["RUN_DIR": self.runDirectory, "PG_PORT": String(self.port)]
        ) { _, new in new }
        let status = try Self.spawnAndWait(
            ["/bin/bash", self.script, "postgres"],
            environment: environment.map { "\($0.key)=\($0.value)" }
        )
        guard status == 0 else { throw TestSetupError("\(self.script) postgres exited with status \(status)") }
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

    /// `posix_spawn` + `waitpid`; no descriptor above stderr reaches the child. Foundation's
    /// `Process` is not used: the daemon this starts would inherit `Process`'s private socket,
    /// and `waitUntilExit()` would then wait for the server to exit.
    static func spawnAndWait(_ arguments: [String], environment: [String]) throws -> Int32 {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], nil, nil, argv, envp)
        guard spawned == 0 else { throw TestSetupError("cannot start \(arguments): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestSetupError("waitpid failed: errno \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
