import Foundation

/// Starting child processes from the tests (the stack script, a service, a command).
///
/// `posix_spawn`, not Foundation's `Process`: every descriptor above stderr is closed in the
/// child, so a daemon the child starts does not inherit one of ours (`Process` would then wait
/// for the daemon to exit). And the child gets unblocked, default signal handling: the test
/// process blocks most signals in its threads and a child inherits that mask, so a broker
/// started from here (through `stack.sh`) would otherwise never see the SIGTERM that stops it.
public enum Spawn {
    /// How the child's stdout (and, with `stderrToo`, stderr) is written to `path`.
    public struct Output: Sendable {
        /// The file written.
        public var path: String
        /// Append rather than truncate.
        public var append = false
        /// stderr goes to the same file.
        public var stderrToo = true

        /// Output to `path`.
        public init(path: String, append: Bool = false, stderrToo: Bool = true) {
            self.path = path
            self.append = append
            self.stderrToo = stderrToo
        }
    }

    /// Starts `executable` with `arguments` and exactly `environment`; returns its pid.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String], output: Output) throws -> pid_t {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | (output.append ? O_APPEND : O_TRUNC), 0o644)
        if output.stderrToo { posix_spawn_file_actions_adddup2(&actions, 1, 2) }
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
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SpawnError("cannot start \(executable): errno \(spawned)") }
        return pid
    }

    /// Waits for a child to exit; returns its exit status (0-255; 128 + the signal that killed it).
    public static func wait(_ pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SpawnError("waitpid failed") }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs a command to its end; returns its exit status and what it wrote (stdout, and stderr
    /// with `stderrToo`).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String], stderrToo: Bool) throws -> (status: Int32, output: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-spawn-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pid = try self.start(executable, arguments, environment: environment, output: Output(path: path, stderrToo: stderrToo))
        let status = try self.wait(pid)
        return (status, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    /// Runs a command with this process's environment plus `extra`, appending its output to
    /// `log`; answers its exit status.
    public static func run(_ arguments: [String], adding extra: [String: String] = [:], log: String) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let pid = try self.start(arguments[0], Array(arguments.dropFirst()), environment: environment, output: Output(path: log, append: true))
        return try self.wait(pid)
    }
}

/// A child process could not be started or waited for.
public struct SpawnError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
