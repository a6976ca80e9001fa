import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// Households and knowledge: their roles and their validation answer before the repository is
/// reached.
@Suite struct HouseholdsAndKnowledgeRouterTests {
    let fixture = IntakeRouterFixture()

    @Test func householdsAreForStaffGridWorkersAndSecretaries() async throws {
        let (department, screen, open311) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.screen), try await self.fixture.key(.open311)
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/households")
            for key in [department, screen, open311] {
                try await client.expect(.forbidden, .get, "/v1/households", key: key)
                try await client.expect(.forbidden, .post, "/v1/households/H1/visits", key: key, json: [:])
            }
        }
    }

    @Test func householdInputIsValidatedFirst() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let filter = try await client.call(.get, "/v1/households?colour=purple&kind=castle", key: operator_)
            #expect(filter.status == .badRequest)
            #expect(errorFields(filter.json).isSuperset(of: ["colour", "kind"]))
            let code = try await client.call(.put, "/v1/households/H1", key: operator_, json: ["code": "H2"])
            #expect(code.status == .badRequest)
            #expect(errorFields(code.json) == ["code"])
        }
    }

    @Test func knowledgeRolesAndSearchInput() async throws {
        let (operator_, screen, grid) = (try await self.fixture.key(.operator_), try await self.fixture.key(.screen), try await self.fixture.key(.grid, grid: "620402001"))
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .post, "/v1/knowledge", json: [:])
            try await client.expect(.forbidden, .post, "/v1/knowledge", key: operator_, json: [:])
            try await client.expect(.forbidden, .get, "/v1/knowledge/search?q=x", key: screen)
            try await client.expect(.forbidden, .get, "/v1/knowledge/search?q=x", key: grid)
            let empty = try await client.call(.get, "/v1/knowledge/search?q=%20", key: operator_)
            #expect(empty.status == .badRequest)
            #expect(errorFields(empty.json) == ["q"])
            let long = try await client.call(.get, "/v1/knowledge/search?q=\(String(repeating: "a", count: 501))", key: operator_)
            #expect(errorFields(long.json) == ["q"])
        }
    }
}
