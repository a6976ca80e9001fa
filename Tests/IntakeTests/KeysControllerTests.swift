import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// `/v1/keys` on the in-memory key repository: admin only, validated scopes, revocation at once.
@Suite struct KeysControllerTests {
    let fixture = IntakeRouterFixture()

    @Test func onlyAnAdminManagesKeys() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/keys")
            try await client.expect(.forbidden, .get, "/v1/keys", key: operator_)
            try await client.expect(.forbidden, .post, "/v1/keys", key: operator_, json: ["role": "admin", "name": "x"])
            try await client.expect(.forbidden, .delete, "/v1/keys/\(UUID().uuidString)", key: operator_)
        }
    }

    @Test func aBadKeyIsA400NamingEachField() async throws {
        let admin = try await self.fixture.key(.admin)
        try await self.fixture.test { client in
            let answer = try await client.call(
                .post, "/v1/keys", key: admin, json: ["role": "mayor", "expiresAt": "soon", "colour": "red"]
            )
            #expect(answer.status == .badRequest)
            #expect(errorFields(answer.json).isSuperset(of: ["name", "role", "expiresAt", "colour"]))
            let scope = try await client.call(.post, "/v1/keys", key: admin, json: ["role": "department", "name": "城管", "department": "NOPE"])
            #expect(errorFields(scope.json) == ["department"])
            let stray = try await client.call(.post, "/v1/keys", key: admin, json: ["role": "operator", "name": "话务员", "grid": "620402001"])
            #expect(errorFields(stray.json) == ["grid"])
        }
        #expect(try await self.fixture.keys.all().count == 1)
    }

    @Test func aCreatedKeyWorksAtOnceAndARevokedOneNoLonger() async throws {
        let admin = try await self.fixture.key(.admin)
        try await self.fixture.test { client in
            let created = try await client.call(.post, "/v1/keys", key: admin, json: ["role": "department", "name": "城管局", "department": "CG"])
            #expect(created.status == .created)
            let (id, secret) = (try #require(created.json["id"] as? String), try #require(created.json["key"] as? String))
            try await client.expect(.ok, .get, "/v1/tasks", key: secret)
            let listed = try await client.call(.get, "/v1/keys", key: admin)
            let keys = (listed.json["keys"] as? [[String: Any]]) ?? []
            #expect(keys.count == 2)
            #expect(keys.allSatisfy { $0["key"] == nil })
            #expect(keys.first { $0["id"] as? String == id }?["state"] as? String == "active")
            try await client.expect(.notFound, .delete, "/v1/keys/not-a-uuid", key: admin)
            try await client.expect(.notFound, .delete, "/v1/keys/\(UUID().uuidString)", key: admin)
            try await client.expect(.noContent, .delete, "/v1/keys/\(id)", key: admin)
            try await client.expect(.unauthorized, .get, "/v1/tasks", key: secret)
            try await client.expect(.notFound, .delete, "/v1/keys/\(id)", key: admin)
        }
    }
}
