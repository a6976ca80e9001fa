import Hummingbird
import Prometheus

/// `/healthz` (alive), `/readyz` (dependencies reachable) and `/metrics` (Prometheus text),
/// served by every service on its port.
public struct OperationalRoutes<Context: RequestContext>: Sendable {
    let readiness: Readiness
    let registry: PrometheusCollectorRegistry

    /// Routes answering from `readiness` and the process's metrics `registry`.
    public init(readiness: Readiness, registry: PrometheusCollectorRegistry) {
        self.readiness = readiness
        self.registry = registry
    }

    /// Adds the three routes to `router`.
    public func add(to router: Router<Context>) {
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("readyz") { _, _ -> Response in
            let failing = await self.readiness.failing()
            let text = failing.isEmpty ? "ready\n" : "not ready: \(failing.joined(separator: ", "))\n"
            return Response(
                status: failing.isEmpty ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: self.registry.emitToBuffer()))
            )
        }
    }
}
