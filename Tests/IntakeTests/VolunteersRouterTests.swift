import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// The volunteers' API on ``InMemoryVolunteerRepository``: roles and a secretary's community,
/// each bad field named, unknown volunteers, and points awarded and redeemed.
@Suite struct VolunteersRouterTests {
    let fixture = IntakeRouterFixture()

    static var volunteer: [String: Any] { [
        "code": "V-001", "name": "志愿者甲", "phone": "13800000011", "community": "620402101", "skills": [String](),
    ] }

    @Test func rolesAndTheSecretarysCommunity() async throws {
        let (department, screen, operator_, secretary) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.screen), try await self.fixture.key(.operator_),
            try await self.fixture.key(.secretary, community: "620402101")
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/volunteers")
            for key in [department, screen] { try await client.expect(.forbidden, .get, "/v1/volunteers", key: key) }
            try await client.expect(.forbidden, .post, "/v1/volunteers", key: operator_, json: Self.volunteer)
            try await client.expect(.forbidden, .post, "/v1/volunteers/V-001/points", key: operator_, json: ["deed": "patrol", "points": 1])
            try await client.expect(.forbidden, .get, "/v1/volunteers?community=620402102", key: secretary)
            try await client.expect(.forbidden, .post, "/v1/tickets/\(UUID().uuidString)/volunteer", key: department, json: ["volunteer": "V-001"])
            var other = Self.volunteer
            other["community"] = "620402102"
            let refused = try await client.call(.post, "/v1/volunteers", key: secretary, json: other)
            #expect(refused.status == .badRequest)
            #expect(errorFields(refused.json) == ["community"])
        }
    }

    @Test func eachBadFieldIsNamed() async throws {
        let admin = try await self.fixture.key(.admin)
        _ = try await self.fixture.volunteers.save(Volunteer(code: "V-001", name: "甲", phone: "13800000011", community: "620402101", skills: []), create: true)
        try await self.fixture.test { client in
            let bad = try await client.call(
                .post, "/v1/volunteers", key: admin, json: ["code": "V-002", "name": "乙", "phone": "12", "community": "999", "skills": ["x"]]
            )
            #expect(bad.status == .badRequest)
            #expect(errorFields(bad.json).isSuperset(of: ["phone", "community", "skills[0]"]))
            let clash = try await client.call(
                .post, "/v1/volunteers", key: admin, json: ["code": "V-002", "name": "乙", "phone": "13800000011", "community": "620402101", "skills": [String]()]
            )
            #expect(clash.status == .badRequest)
            #expect(errorFields(clash.json) == ["phone"])
            let field = try await client.call(.patch, "/v1/volunteers/V-001", key: admin, json: ["colour": "red"])
            #expect(errorFields(field.json) == ["colour"])
            let deed = try await client.call(.post, "/v1/volunteers/V-001/points", key: admin, json: ["deed": "sing", "points": 1])
            #expect(errorFields(deed.json) == ["deed"])
            let note = try await client.call(.post, "/v1/volunteers/V-001/points", key: admin, json: ["deed": "help", "points": 1])
            #expect(note.status == .badRequest)
            #expect(errorFields(note.json) == ["note"])
            let item = try await client.call(.post, "/v1/volunteers/V-001/redemptions", key: admin, json: ["points": 1])
            #expect(errorFields(item.json) == ["item"])
            for points in [0, 1.5, true] as [Any] {
                let answer = try await client.call(.post, "/v1/volunteers/V-001/redemptions", key: admin, json: ["points": points, "item": "米"])
                #expect(answer.status == .badRequest)
                #expect(errorFields(answer.json) == ["points"])
            }
            let assign = try await client.call(.post, "/v1/tickets/\(UUID().uuidString)/volunteer", key: admin, json: [:])
            #expect(errorFields(assign.json) == ["volunteer"])
            let unknown = try await client.call(.post, "/v1/tickets/\(UUID().uuidString)/volunteer", key: admin, json: ["volunteer": "V-404"])
            #expect(unknown.status == .badRequest)
            #expect(errorFields(unknown.json) == ["volunteer"])
        }
    }

    @Test func unknownVolunteersAndOtherCommunitiesAre404() async throws {
        let (admin, secretary) = (try await self.fixture.key(.admin), try await self.fixture.key(.secretary, community: "620402102"))
        _ = try await self.fixture.volunteers.save(Volunteer(code: "V-001", name: "甲", phone: "13800000011", community: "620402101", skills: []), create: true)
        try await self.fixture.test { client in
            try await client.expect(.notFound, .get, "/v1/volunteers/V-404", key: admin)
            try await client.expect(.notFound, .patch, "/v1/volunteers/V-404", key: admin, json: ["paused": true])
            try await client.expect(.notFound, .post, "/v1/volunteers/V-404/points", key: admin, json: ["deed": "patrol", "points": 1])
            try await client.expect(.notFound, .get, "/v1/volunteers/V-001", key: secretary)
            try await client.expect(.notFound, .post, "/v1/volunteers/V-001/redemptions", key: secretary, json: ["points": 1])
            try await client.expect(.notFound, .post, "/v1/tickets/\(UUID().uuidString)/volunteer", key: admin, json: ["volunteer": "V-001"])
        }
    }

    @Test func pointsAreAwardedAndRedeemedWithinTheBalance() async throws {
        let (admin, secretary) = (try await self.fixture.key(.admin), try await self.fixture.key(.secretary, community: "620402101"))
        try await self.fixture.test { client in
            let created = try await client.call(.post, "/v1/volunteers", key: secretary, json: Self.volunteer)
            #expect(created.status == .created)
            #expect(created.json["phone"] as? String == "13800000011")
            let again = try await client.call(.post, "/v1/volunteers", key: admin, json: Self.volunteer)
            #expect(again.status == .conflict)
            #expect(errorCode(again.json) == "volunteer_exists")
            let award = try await client.call(.post, "/v1/volunteers/V-001/points", key: secretary, json: ["deed": "巡逻", "points": 5, "note": "夜间巡逻水川花园"])
            #expect(award.status == .created)
            #expect(award.json["balance"] as? Int == 5)
            let beyond = try await client.call(.post, "/v1/volunteers/V-001/redemptions", key: admin, json: ["points": 10, "item": "米"])
            #expect(beyond.status == .conflict)
            #expect(errorCode(beyond.json) == "insufficient_points")
            let redeemed = try await client.call(.post, "/v1/volunteers/V-001/redemptions", key: admin, json: ["points": 3, "item": "米"])
            #expect(redeemed.json["balance"] as? Int == 2)
            let list = try await client.call(.get, "/v1/volunteers", key: secretary)
            let rows = list.json["volunteers"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["points"] as? Int } == [2])
            #expect(rows.first?["phone"] == nil)
            let shown = try await client.call(.get, "/v1/volunteers/V-001", key: admin)
            #expect((shown.json["ledger"] as? [Any])?.count == 2)
            let paused = try await client.call(.patch, "/v1/volunteers/V-001", key: secretary, json: ["paused": true])
            #expect(paused.json["paused"] as? Bool == true)
        }
    }
}
