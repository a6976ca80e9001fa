import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// The households registry on ``InMemoryHouseholds``: each key sees its own grids only (another
/// grid's household is 404), a department the colour only, every list and read recorded, and
/// bad filters, overrides and visits refused with their fields named.
@Suite struct HouseholdsRouterTests {
    let fixture = IntakeRouterFixture()

    /// Two households: `H1` in grid `620402001` (an elder living alone, a member's phone), `H2` in `620402003`.
    func register() {
        let rules = IntakeRouterFixture.snapshot.jurisdiction.catalog.householdRules
        self.fixture.households.put(
            Household(code: "H1", address: "水川镇1号", grid: "620402001", members: [.init(name: "李奶奶", phone: "13900001111", birthYear: 1940, flags: [.alone])]),
            rules: rules
        )
        self.fixture.households.put(Household(code: "H2", address: "东岗2号", grid: "620402003", members: [.init(name: "王五")]), rules: rules)
    }

    @Test func aGridKeySeesItsOwnGridOnlyAndEveryListIsRecorded() async throws {
        self.register()
        let (operator_, grid) = (try await self.fixture.key(.operator_), try await self.fixture.key(.grid, grid: "620402001"))
        try await self.fixture.test { client in
            let all = try await client.call(.get, "/v1/households", key: operator_)
            #expect(all.status == .ok)
            let households = all.json["households"] as? [[String: Any]] ?? []
            #expect(households.compactMap { $0["code"] as? String } == ["H1", "H2"])
            // Lists mask phones; the household's own page shows them whole.
            let listed = (households.first?["members"] as? [[String: Any]])?.first?["phone"] as? String
            #expect(listed != "13900001111")
            let mine = try await client.call(.get, "/v1/households", key: grid)
            #expect((mine.json["households"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["H1"])
            let other = try await client.call(.get, "/v1/households?grid=620402003", key: grid)
            #expect((other.json["households"] as? [Any])?.isEmpty == true)
            try await client.expect(.notFound, .get, "/v1/households/H2", key: grid)
            let page = try await client.call(.get, "/v1/households/H1", key: grid)
            #expect(page.status == .ok)
            #expect(((page.json["members"] as? [[String: Any]])?.first?["phone"] as? String) == "13900001111")
            let byPhone = try await client.call(.get, "/v1/households?phone=139-0000-1111", key: operator_)
            #expect((byPhone.json["households"] as? [[String: Any]])?.count == 1)
        }
        let searches = self.fixture.households.searches
        #expect(searches.count == 4)
        #expect(searches.map(\.action) == ["list", "list", "list", "phone"])
        #expect(searches.map(\.rows) == [2, 1, 0, 1])
        #expect(searches[1].filter["scope"] == "620402001")
    }

    @Test func aDepartmentReadsTheColourOnlyAndTheReadIsRecorded() async throws {
        self.register()
        let (department, admin, operator_) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.admin), try await self.fixture.key(.operator_)
        )
        try await self.fixture.test { client in
            let colour = try await client.call(.get, "/v1/households/H1", key: department)
            #expect(colour.status == .ok)
            #expect(Set(colour.json.keys) == ["code", "colour"])
            try await client.expect(.notFound, .get, "/v1/households/NOPE", key: department)
            try await client.expect(.forbidden, .get, "/v1/households/H1/reads", key: operator_)
            try await client.expect(.notFound, .get, "/v1/households/NOPE/reads", key: admin)
            let reads = try await client.call(.get, "/v1/households/H1/reads", key: admin)
            #expect((reads.json["reads"] as? [[String: Any]])?.first?["role"] as? String == "department")
            try await client.expect(.forbidden, .get, "/v1/households/export", key: operator_)
            let export = try await client.execute(uri: "/v1/households/export", method: .get, headers: [.authorization: "Bearer \(admin)"])
            let entries = try JSONSerialization.jsonObject(with: Data(export.body.readableBytesView)) as? [[String: Any]]
            #expect(entries?.count == 2)
        }
    }

    @Test func changesAreRefusedOutsideTheKeysGridsAndBadOverridesNamed() async throws {
        self.register()
        let (operator_, grid) = (try await self.fixture.key(.operator_), try await self.fixture.key(.grid, grid: "620402001"))
        try await self.fixture.test { client in
            let moved = try await client.call(.put, "/v1/households/H1", key: grid, json: ["address": "水川镇1号", "grid": "620402003", "members": []])
            #expect(moved.status == .forbidden)
            try await client.expect(.notFound, .put, "/v1/households/H2", key: grid, json: ["address": "东岗2号", "grid": "620402003", "members": []])
            let updated = try await client.call(.put, "/v1/households/H1", key: grid, json: ["address": "水川镇1号之一", "grid": "620402001", "members": []])
            #expect(updated.status == .ok)
            #expect(updated.json["address"] as? String == "水川镇1号之一")
            try await client.expect(.forbidden, .post, "/v1/households/H1/colour", key: grid, json: ["colour": "red", "reason": "x"])
            let bad = try await client.call(.post, "/v1/households/H1/colour", key: operator_, json: ["colour": "blue"])
            #expect(errorFields(bad.json) == ["colour", "reason"])
            try await client.expect(.notFound, .post, "/v1/households/NOPE/colour", key: operator_, json: ["colour": "red", "reason": "走访发现"])
            let red = try await client.call(.post, "/v1/households/H1/colour", key: operator_, json: ["colour": "red", "reason": "走访发现独居"])
            #expect(red.json["colour"] as? String == "red")
            let cleared = try await client.call(.post, "/v1/households/H1/colour", key: operator_, json: ["colour": NSNull(), "reason": "已有人照看"])
            #expect(cleared.json["override"] == nil || cleared.json["override"] is NSNull)
        }
    }

    @Test func aVisitIsRecordedWithItsTicketAndOverdueVisitsListedByWorker() async throws {
        self.register()
        let (operator_, grid) = (try await self.fixture.key(.operator_), try await self.fixture.key(.grid, grid: "620402001"))
        try await self.fixture.test { client in
            let bad = try await client.call(.post, "/v1/households/H1/visits", key: grid, json: ["visitedAt": "soon"])
            #expect(bad.status == .badRequest)
            #expect(errorFields(bad.json).isSuperset(of: ["findings", "visitedAt"]))
            try await client.expect(.notFound, .post, "/v1/households/H2/visits", key: grid, json: ["findings": "一切正常"])
            let unknownGrid = try await client.call(.get, "/v1/visits/overdue?grid=999", key: operator_)
            #expect(errorFields(unknownGrid.json) == ["grid"])
            let overdue = try await client.call(.get, "/v1/visits/overdue", key: operator_)
            #expect(overdue.status == .ok)
            let visit = try await client.call(
                .post, "/v1/households/H1/visits", key: grid, json: ["findings": "楼道灯坏了", "ticket": ["description": "楼道灯坏了，老人夜里看不见"]]
            )
            #expect(visit.status == .created)
            let ticket = try #require(visit.json["ticket"] as? [String: Any])
            #expect(ticket["channel"] as? String == "grid_patrol")
            let page = try await client.call(.get, "/v1/households/H1", key: operator_)
            #expect((page.json["visits"] as? [Any])?.count == 1)
            #expect((page.json["tickets"] as? [[String: Any]])?.first?["number"] as? String == ticket["number"] as? String)
        }
        #expect(self.fixture.cases.tickets.count == 1)
    }
}
