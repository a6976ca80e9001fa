import AMQP
import Foundation
import Testing

/// `amqps://` (docs/security-wire.md) against a private broker with a TLS listener whose
/// certificate comes from a CA made here: the right CA and host name connect; another CA, or a
/// host name the certificate does not name, are refused.
@Suite struct AMQPTLSTests {
    @Test func amqpsVerifiesTheCertificateAuthorityAndTheHostName() async throws {
        guard let script = TestBroker.findUpwards("deploy/local/stack.sh") else {
            throw TestBroker.Missing(description: "cannot find deploy/local/stack.sh")
        }
        let folder = NSTemporaryDirectory() + "amqp-tls-" + UUID().uuidString.prefix(8)
        let (tcpPort, tlsPort) = (Int.random(in: 42_000...42_999), Int.random(in: 43_000...43_999))
        let certificates = """
            set -e
            mkdir -p '\(folder)' && cd '\(folder)'
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=hotline-test-ca 2>/dev/null
            openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days 1 -subj /CN=other-ca 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
            printf 'subjectAltName=DNS:localhost\\n' >ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 1 -extfile ext 2>/dev/null
            chmod 644 server.key
            """
        try #require(try Self.run(["/bin/sh", "-c", certificates], environment: [:], log: "/dev/null") == 0, "openssl failed")
        defer {
            if let text = try? String(contentsOfFile: folder + "/run/rabbitmq.pid", encoding: .utf8), let pid = Int32(text.split(separator: "\n").first ?? "") {
                kill(pid, SIGTERM)
                for _ in 0..<150 where kill(pid, 0) == 0 { usleep(100_000) }
                kill(pid, SIGKILL)
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
        let conf = [
            "listeners.ssl.1 = 127.0.0.1:\(tlsPort)", "ssl_options.cacertfile = \(folder)/ca.crt",
            "ssl_options.certfile = \(folder)/server.crt", "ssl_options.keyfile = \(folder)/server.key",
            "ssl_options.verify = verify_none", "ssl_options.fail_if_no_peer_cert = false",
        ].joined(separator: "\n")
        let started = try Self.run(
            ["/bin/bash", script, "rabbitmq"],
            environment: ["RUN_DIR": folder + "/run", "AMQP_PORT": String(tcpPort), "RABBITMQ_EXTRA_CONF": conf],
            log: folder + "/stack.log"
        )
        try #require(started == 0, "the private broker did not start: \((try? String(contentsOfFile: folder + "/stack.log", encoding: .utf8)) ?? "")")

        let base = "amqps://guest:guest@localhost:\(tlsPort)/%2f?cacertfile="
        var connected: AMQPConnection?
        for _ in 0..<100 where connected == nil {
            connected = try? AMQPConnection(configuration: try AMQPConfiguration(url: base + folder + "/ca.crt"))
            if connected == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        let connection = try #require(connected, "no TLS connection with the right CA")
        let queue = TestBroker.uniqueName("tls")
        try connection.declareQueue(queue, durable: false, exclusive: true, autoDelete: true)
        connection.close()

        #expect(throws: (any Error).self) { _ = try AMQPConnection(configuration: try AMQPConfiguration(url: base + folder + "/other.crt")) }
        let byAddress = "amqps://guest:guest@127.0.0.1:\(tlsPort)/%2f?cacertfile=\(folder)/ca.crt"
        #expect(throws: (any Error).self) { _ = try AMQPConnection(configuration: try AMQPConfiguration(url: byAddress)) }
    }

    /// Runs a command with `environment` added, output to `log`, unblocked default signals (the
    /// broker it starts must stop on SIGTERM); answers its exit status.
    private static func run(_ arguments: [String], environment extra: [String: String], log: String) throws -> Int32 {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
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
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TestBroker.Missing(description: "cannot run \(arguments[0]): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
