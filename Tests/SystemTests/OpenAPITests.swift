import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The served OpenAPI document matches the one in the repository and the live routes: every
/// documented operation is routed (a missing route answers Hummingbird's own 404, code
/// `http_404`), and every route the API has is documented.
@Suite struct OpenAPITests {
    @Test func documentMatchesTheRoutes() async throws {
        let stack = try Stack.load()
        let (data, _) = try await URLSession.shared.data(from: URL(string: stack["INTAKE_URL"] + "/openapi.json")!)
        let served = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inRepo = try JSONSerialization.jsonObject(with: Data(contentsOf: stack.root.appendingPathComponent("docs/openapi.json")))
        #expect(NSDictionary(dictionary: served).isEqual(to: inRepo as? [String: Any] ?? [:]), "docs/openapi.json is what /openapi.json serves")
        #expect(served["openapi"] as? String == "3.1.0")
        let paths = try #require(served["paths"] as? [String: [String: Any]])

        let (_, ticket) = try await stack.createTicket(demoTicket())
        let id = try #require(ticket["id"] as? String)
        for (path, operations) in paths {
            for method in operations.keys {
                let concrete = path.replacingOccurrences(of: "{id}", with: id)
                let (status, body) = try await stack.http(
                    method.uppercased(), stack["INTAKE_URL"] + concrete, json: method == "post" ? [:] : nil, key: stack["OPERATOR_KEY"]
                )
                let code = (body["error"] as? [String: Any])?["code"] as? String
                #expect(code != "http_404" && status != 405, "\(method.uppercased()) \(path) is routed (got \(status) \(code ?? ""))")
            }
        }
        let routes = [
            "/v1/tickets", "/v1/tickets/{id}", "/v1/tickets/{id}/dispatch", "/v1/tickets/{id}/rating", "/v1/tickets/{id}/cancel",
            "/v1/tickets/{id}/unlink", "/v1/tasks", "/v1/tasks/{id}/accept", "/v1/tasks/{id}/progress", "/v1/tasks/{id}/resolve",
            "/v1/tasks/{id}/return", "/v1/stats", "/v1/broadcasts", "/v1/broadcasts/{id}", "/v1/households", "/v1/households/{code}",
            "/v1/households/{code}/visits", "/v1/stats/households", "/healthz", "/readyz", "/metrics",
            // The web UI's endpoints.
            "/v1/me", "/v1/jurisdiction", "/v1/jurisdiction/grids", "/v1/jurisdiction/places", "/v1/classify", "/v1/counts",
            "/v1/tickets/{id}/messages", "/v1/screen", "/v1/events/stream",
            // Keys over HTTP (docs/security.md).
            "/v1/keys", "/v1/keys/{id}",
            // What-if replay and jurisdiction versions.
            "/v1/jurisdiction/what-if", "/v1/jurisdiction/versions",
        ]
        for route in routes { #expect(paths[route] != nil, "\(route) is documented") }
    }
}
