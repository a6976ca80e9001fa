import AMQP
import Foundation
import TestSupport
import Testing

/// `amqps://` (docs/security-wire.md) against a private broker with a TLS listener whose
/// certificate comes from a CA made here: the right CA and host name connect; another CA, or a
/// host name the certificate does not name, are refused.
@Suite struct AMQPTLSTests {
    @Test func amqpsVerifiesTheCertificateAuthorityAndTheHostName() async throws {
        guard let script = StackEnvironment.findUpwards("deploy/local/stack.sh") else {
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
        try #require(try Spawn.run(["/bin/sh", "-c", certificates], adding: [:], log: "/dev/null") == 0, "openssl failed")
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
        let started = try Spawn.run(
            ["/bin/bash", script, "rabbitmq"],
            adding: ["RUN_DIR": folder + "/run", "AMQP_PORT": String(tcpPort), "RABBITMQ_EXTRA_CONF": conf],
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
}
