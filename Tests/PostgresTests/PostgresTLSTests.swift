import Foundation
import TestSupport
import Postgres
import Testing

extension DatabaseTests {
    /// `sslmode=verify-full` (docs/security-wire.md) against a private server given a certificate
    /// of a CA made here: the right CA and host name connect over TLS; another CA, or a host
    /// name the certificate does not name, are refused.
    @Suite("TLS")
    struct PostgresTLSTests {
        @Test func verifyFullChecksTheCertificateAuthorityAndTheHostName() async throws {
            let server = try PrivatePostgresServer.start()
            defer { server.destroy() }
            let folder = NSTemporaryDirectory() + "pg-tls-" + UUID().uuidString.prefix(8)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let script = """
                set -e
                mkdir -p '\(folder)' && cd '\(folder)'
                openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=hotline-test-ca 2>/dev/null
                openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days 1 -subj /CN=other-ca 2>/dev/null
                openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
                printf 'subjectAltName=DNS:localhost\\n' >ext
                openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 1 -extfile ext 2>/dev/null
                chown postgres server.key server.crt && chmod 600 server.key
                """
            let made = try Spawn.run("/bin/sh", ["-c", script], environment: ["PATH": "/usr/bin:/bin"], stderrToo: true).status
            try #require(made == 0, "openssl failed")

            let plain = try PostgresConnection(url: server.url, applicationName: "postgres-tests")
            for statement in [
                "ALTER SYSTEM SET ssl_cert_file = '\(folder)/server.crt'", "ALTER SYSTEM SET ssl_key_file = '\(folder)/server.key'",
                "ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()",
            ] {
                _ = try plain.query(statement)
            }
            plain.close()
            try await Task.sleep(for: .milliseconds(500))

            let base = "postgres://hotline@localhost:\(server.port)/hotline?sslmode=verify-full&sslrootcert="
            let secure = try PostgresConnection(url: base + folder + "/ca.crt", applicationName: "postgres-tests")
            defer { secure.close() }
            let row = try #require(try secure.query("SELECT ssl::text AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first)
            #expect(try row.decode("ssl", as: String.self) == "true")

            #expect(throws: PostgresError.self) { _ = try PostgresConnection(url: base + folder + "/other.crt") }
            let byAddress = "postgres://hotline@127.0.0.1:\(server.port)/hotline?sslmode=verify-full&sslrootcert=\(folder)/ca.crt"
            #expect(throws: PostgresError.self) { _ = try PostgresConnection(url: byAddress) }
        }
    }
}
