import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// 每月一题 (`/v1/topics`) on ``InMemoryTopicRepository``: roles, each bad parameter named,
/// unknown topics, and a candidate promoted to a topic.
@Suite struct TopicsRouterTests {
    let fixture = IntakeRouterFixture()

    /// Three street-light tickets this month in community 620402101 (grid 620402001).
    func addTickets(_ count: Int = 3) {
        for index in 0..<count {
            self.fixture.topics.add(
                .init(
                    number: "12345-20261128-\(String(format: "%06d", index))", category: "streetlight", street: "620402",
                    community: "620402101", grid: "620402001", createdAt: Date().addingTimeInterval(-Double(index))
                )
            )
        }
    }

    @Test func rolesOfTopics() async throws {
        let (screen, department, grid) = (
            try await self.fixture.key(.screen), try await self.fixture.key(.department, department: "CG"),
            try await self.fixture.key(.grid, grid: "620402001")
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/topics")
            try await client.expect(.ok, .get, "/v1/topics", key: screen)
            for key in [department, grid] { try await client.expect(.forbidden, .get, "/v1/topics", key: key) }
            try await client.expect(.forbidden, .get, "/v1/topics/candidates", key: screen)
            try await client.expect(.forbidden, .post, "/v1/topics", key: screen, json: [:])
            try await client.expect(.forbidden, .patch, "/v1/topics/\(UUID().uuidString)", key: department, json: [:])
        }
    }

    @Test func eachBadParameterIsNamed() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let candidates = try await client.call(.get, "/v1/topics/candidates?month=2026-13&area=city&months=0&min=0&limit=101", key: operator_)
            #expect(candidates.status == .badRequest)
            #expect(errorFields(candidates.json) == ["month", "area", "months", "min", "limit"])
            let list = try await client.call(.get, "/v1/topics?status=open,closed", key: operator_)
            #expect(list.status == .badRequest)
            #expect(errorFields(list.json) == ["status"])
            let empty = try await client.call(.post, "/v1/topics", key: operator_, json: [:])
            #expect(empty.status == .badRequest)
            #expect(errorFields(empty.json) == ["month", "category", "area.level", "ownerDepartment", "targetDate"])
            let bad = try await client.call(
                .post, "/v1/topics", key: operator_,
                json: [
                    "month": "2026-11", "category": "streetlight", "area": ["level": "community", "code": "999"], "ownerDepartment": "XX",
                    "targetDate": "2020-01-01",
                ]
            )
            #expect(errorFields(bad.json) == ["area.code", "ownerDepartment", "targetDate"])
            let patch = try await client.call(
                .patch, "/v1/topics/\(UUID().uuidString)", key: operator_, json: ["status": "finished", "ownerDepartment": "XX"]
            )
            #expect(patch.status == .badRequest)
            #expect(errorFields(patch.json) == ["status", "ownerDepartment"])
            let link = try await client.call(.patch, "/v1/topics/\(UUID().uuidString)", key: operator_, json: ["linkSince": "yes"])
            #expect(errorFields(link.json) == ["linkSince"])
        }
    }

    @Test func unknownTopicsAre404() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            try await client.expect(.notFound, .get, "/v1/topics/\(UUID().uuidString)", key: operator_)
            try await client.expect(.notFound, .get, "/v1/topics/not-a-uuid", key: operator_)
            try await client.expect(.notFound, .patch, "/v1/topics/\(UUID().uuidString)", key: operator_, json: ["status": "done"])
        }
    }

    @Test func aCandidateBecomesATopicOnce() async throws {
        self.addTickets()
        let operator_ = try await self.fixture.key(.operator_)
        let month = TopicsController.label(LocalDate(Date(), timeZone: WorkingCalendar.chinaTimeZone))
        try await self.fixture.test { client in
            let candidates = try await client.call(.get, "/v1/topics/candidates?area=community&min=3", key: operator_)
            #expect(candidates.status == .ok)
            let rows = candidates.json["rows"] as? [[String: Any]] ?? []
            #expect(rows.count == 1)
            #expect(rows.first?["count"] as? Int == 3)
            #expect(rows.first?["categoryName"] as? String == "路灯不亮")
            #expect((rows.first?["area"] as? [String: Any])?["name"] as? String == "水川社区")
            let body: [String: Any] = [
                "month": month, "category": "streetlight", "area": ["level": "community", "code": "620402101"], "ownerDepartment": "CG",
                "targetDate": "2099-12-31",
            ]
            let created = try await client.call(.post, "/v1/topics", key: operator_, json: body)
            #expect(created.status == .created)
            #expect(created.json["tickets"] as? Int == 3)
            #expect(created.json["ownerDepartmentName"] != nil)
            let id = try #require(created.json["id"] as? String)
            let again = try await client.call(.post, "/v1/topics", key: operator_, json: body)
            #expect(again.status == .conflict)
            #expect(errorCode(again.json) == "topic_exists")
            var elsewhere = body
            elsewhere["area"] = ["level": "community", "code": "620402102"]
            let none = try await client.call(.post, "/v1/topics", key: operator_, json: elsewhere)
            #expect(errorCode(none.json) == "no_tickets")
            let shown = try await client.call(.get, "/v1/topics/\(id)", key: operator_)
            #expect((shown.json["ticketList"] as? [Any])?.count == 3)
            let changed = try await client.call(.patch, "/v1/topics/\(id)", key: operator_, json: ["status": "in_progress"])
            #expect(changed.json["status"] as? String == "in_progress")
            let listed = try await client.call(.get, "/v1/topics?status=in_progress", key: operator_)
            #expect((listed.json["topics"] as? [Any])?.count == 1)
        }
    }
}
