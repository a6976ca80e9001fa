import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
import TestSupport
#endif

/// A second instance of a service, started by a test against the same database and broker
/// (the services are stateless, so this is how they scale out), stopped with SIGTERM.
struct ExtraInstance {
    let pid: pid_t
    let port: Int

    /// Starts `service serve` on `port` with `environment` added, and waits for `/readyz`.
    static func start(_ stack: Stack, _ service: String, port: Int, environment extra: [String: String] = [:]) async throws -> ExtraInstance {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack["DATABASE_URL"]
        environment["AMQP_URL"] = stack["AMQP_URL"]
        environment["\(service.uppercased())_HTTP_PORT"] = String(port)
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { $1 }
        let pid = try Spawn.start(
            "\(stack.binDirectory)/\(service)", ["serve"], environment: environment,
            output: .init(path: "/tmp/hotline-extra-\(service)-\(port).log")
        )
        let instance = ExtraInstance(pid: pid, port: port)
        for _ in 0..<300 {
            if let (status, _) = try? await stack.http("GET", "http://127.0.0.1:\(port)/readyz"), status == 200 { return instance }
            try await Task.sleep(for: .milliseconds(100))
        }
        _ = instance.stop()
        throw StackError("\(service) on \(port) never became ready")
    }

    /// SIGTERM, then waits for the exit; returns the exit status (nil if it had to be killed).
    @discardableResult
    func stop(seconds: Double = 15) -> Int32? {
        kill(self.pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(self.pid, &status, WNOHANG) == self.pid { return (status >> 8) & 0xff }
            usleep(50_000)
        }
        kill(self.pid, SIGKILL)
        _ = waitpid(self.pid, &status, 0)
        return nil
    }
}
