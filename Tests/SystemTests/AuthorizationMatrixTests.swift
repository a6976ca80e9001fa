import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Every operation of docs/openapi.json x every role (and no key), against the live intake,
/// with the expected status taken from ONE table: docs/authorization.json. An operation missing
/// from the table (or a table entry no longer documented) fails.
///
/// Expected: a public operation is never 401/403; otherwise no key is 401, a role outside the
/// operation's list is 403, and a role in it is neither 401 nor 403 (its request is made with
/// an empty body and unknown ids, so it gets 2xx, 400, 404, 406 or 409, never a refusal).
/// Every `/v1` answer carries `Cache-Control: no-store`.
@Suite struct AuthorizationMatrixTests {
    struct Table {
        var roles: [String]
        /// "METHOD /path" -> allowed roles; nil for public.
        var operations: [String: [String]?]

        static func load(_ stack: Stack) throws -> Table {
            let url = stack.root.appendingPathComponent("docs/authorization.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let roles = try #require(json["roles"] as? [String])
            let raw = try #require(json["operations"] as? [String: Any])
            var operations: [String: [String]?] = [:]
            for (name, value) in raw {
                if let text = value as? String {
                    #expect(text == "public", "\(name): a role list or \"public\"")
                    operations[name] = .some(nil)
                } else {
                    let list = try #require(value as? [String], "\(name): a role list or \"public\"")
                    for role in list { #expect(roles.contains(role), "\(name): unknown role \(role)") }
                    operations[name] = .some(list)
                }
            }
            return Table(roles: roles, operations: operations)
        }
    }

    /// The documented operations, as "METHOD /path".
    static func documented(_ stack: Stack) throws -> [String] {
        let url = stack.root.appendingPathComponent("docs/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        return paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        }.sorted()
    }

    /// One key of each role, made over `POST /v1/keys` by the admin, scoped to the demo
    /// jurisdiction's first department, grid and community.
    static func keys(_ stack: Stack, roles: [String]) async throws -> [String: String] {
        let (_, jurisdiction) = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/jurisdiction", key: stack["OPERATOR_KEY"])
        let department = try #require((jurisdiction["departments"] as? [[String: Any]])?.first?["code"] as? String)
        let grid = try #require((jurisdiction["grids"] as? [[String: Any]])?.first)
        var keys: [String: String] = [:]
        for role in roles {
            var body: [String: Any] = ["role": role, "name": "matrix-\(role)"]
            switch role {
            case "department": body["department"] = department
            case "grid": body["grid"] = grid["code"]
            case "secretary": body["community"] = grid["community"]
            case "volunteer": body["volunteer"] = "V-MATRIX"
            default: break
            }
            let (status, created) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/keys", json: body, key: stack["ADMIN_KEY"])
            #expect(status == 201, "POST /v1/keys for role \(role): \(created)")
            keys[role] = try #require(created["key"] as? String)
        }
        return keys
    }

    /// Sends one request; the status and the Cache-Control header.
    static func call(_ method: String, _ url: String, key: String?) async throws -> (status: Int, cacheControl: String?) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 15
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if method == "POST" || method == "PUT" {
            request.httpBody = Data("{}".utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (_, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Cache-Control"))
    }

    @Test func everyOperationTimesEveryRole() async throws {
        let stack = try Stack.load()
        let table = try Table.load(stack)
        let documented = try Self.documented(stack)
        for operation in documented {
            #expect(table.operations[operation] != nil, "\(operation) is documented but missing from docs/authorization.json")
        }
        for operation in table.operations.keys {
            #expect(documented.contains(operation), "\(operation) is in docs/authorization.json but not in docs/openapi.json")
        }
        let keys = try await Self.keys(stack, roles: table.roles)
        let callers: [String?] = [nil] + table.roles
        var cells = 0
        var wrong: [String] = []
        for operation in documented {
            guard let allowed = table.operations[operation] else { continue }
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            let path = parts[1]
                .replacingOccurrences(of: "{id}", with: UUID().uuidString.lowercased())
                .replacingOccurrences(of: "{code}", with: "H-MATRIX-NONE")
            for caller in callers {
                let (status, cacheControl) = try await Self.call(parts[0], stack["INTAKE_URL"] + path, key: caller.flatMap { keys[$0] })
                cells += 1
                let who = caller ?? "no key"
                let ok: Bool
                let expected: String
                switch (allowed, caller) {
                case (nil, _): (ok, expected) = (status != 401 && status != 403 && status < 500, "public")
                case (_, nil): (ok, expected) = (status == 401, "401")
                case (let roles?, let role?) where roles.contains(role): (ok, expected) = (![401, 403].contains(status) && status < 500, "allowed")
                default: (ok, expected) = (status == 403, "403")
                }
                if !ok { wrong.append("\(operation) as \(who): \(status), expected \(expected)") }
                if path.hasPrefix("/v1/"), cacheControl != "no-store" {
                    wrong.append("\(operation) as \(who): Cache-Control \(cacheControl ?? "absent"), expected no-store")
                }
            }
        }
        print("authorization matrix: \(documented.count) operations x \(callers.count) callers = \(cells) requests, \(wrong.count) wrong")
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
    }
}
