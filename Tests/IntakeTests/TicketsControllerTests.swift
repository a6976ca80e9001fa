import CaseStore
import Foundation
import HTTPTypes
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// `/v1/tickets` on the in-memory repositories: who may call, what a bad body answers, and the
/// conflicts, without a database.
@Suite struct TicketsControllerTests {
    let fixture = IntakeRouterFixture()

    static var good: [String: Any] {
        [
            "channel": "phone", "caller": ["name": "张三", "phone": "13800000001"], "description": "路灯不亮",
            "location": ["address": "水川镇1号", "grid": "620402001"],
        ]
    }

    @Test func creatingNeedsAKeyOfAnOperatingRole() async throws {
        let (department, screen, revoked) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.screen),
            try await self.fixture.key(.operator_, revoked: true)
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .post, "/v1/tickets", json: Self.good)
            try await client.expect(.unauthorized, .post, "/v1/tickets", key: "hk_unknown", json: Self.good)
            try await client.expect(.unauthorized, .post, "/v1/tickets", key: revoked, json: Self.good)
            let refused = try await client.call(.post, "/v1/tickets", key: department, json: Self.good)
            #expect(refused.status == .forbidden)
            #expect(errorCode(refused.json) == "forbidden")
            try await client.expect(.forbidden, .post, "/v1/tickets", key: screen, json: Self.good)
        }
        #expect(self.fixture.cases.tickets.isEmpty)
    }

    @Test func aBadBodyIsA400NamingEveryFieldAndWritesNothing() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let answer = try await client.call(
                .post, "/v1/tickets", key: operator_,
                json: ["caller": ["phone": "12"], "category": "no_such", "location": ["grid": "999", "lat": 1], "colour": "red"]
            )
            #expect(answer.status == .badRequest)
            #expect(errorCode(answer.json) == "invalid_request")
            #expect(errorFields(answer.json).isSuperset(of: ["caller.phone", "description", "category", "location.grid", "location", "colour"]))
            let notAnObject = try await client.call(.post, "/v1/tickets", key: operator_, json: ["a", "b"])
            #expect(notAnObject.status == .badRequest)
            #expect(errorFields(notAnObject.json) == ["body"])
            let noPlace = try await client.call(.post, "/v1/tickets", key: operator_, json: ["description": "路灯不亮"])
            #expect(errorFields(noPlace.json) == ["location"])
            let text = try await client.call(.post, "/v1/tickets", key: operator_, headers: [.contentType: "text/plain"])
            #expect(text.status == .unsupportedMediaType)
        }
        #expect(self.fixture.cases.tickets.isEmpty)
    }

    @Test func aGridWorkerReportsOnlyAsAPatrol() async throws {
        let grid = try await self.fixture.key(.grid, grid: "620402001")
        try await self.fixture.test { client in
            let phone = try await client.call(.post, "/v1/tickets", key: grid, json: Self.good)
            #expect(phone.status == .badRequest)
            #expect(errorFields(phone.json) == ["channel"])
            let patrol = try await client.call(
                .post, "/v1/tickets", key: grid, json: ["channel": "grid_patrol", "description": "井盖缺失", "location": ["address": "水川镇2号"]]
            )
            #expect(patrol.status == .created)
            #expect(((patrol.json["location"] as? [String: Any])?["grid"] as? String) == "620402001")
        }
    }

    @Test func createdTicketsAreReadBackAndUnknownOnesAre404() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        let department = try await self.fixture.key(.department, department: "CG")
        try await self.fixture.test { client in
            let created = try await client.call(.post, "/v1/tickets", key: operator_, json: Self.good)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/v1/tickets/\(id)")
            #expect(created.headers[HTTPField.Name("traceparent")!] != nil)
            let read = try await client.call(.get, "/v1/tickets/\(id)", key: operator_)
            #expect(read.status == .ok)
            #expect(read.json["status"] as? String == "received")
            // A department sees only tickets assigned to it: another one is "not found".
            try await client.expect(.notFound, .get, "/v1/tickets/\(id)", key: department)
            let missing = try await client.call(.get, "/v1/tickets/\(UUID().uuidString)", key: operator_)
            #expect(missing.status == .notFound)
            #expect(errorCode(missing.json) == "not_found")
        }
    }

    @Test func anIdempotencyKeyReplaysTheSameBodyAndRefusesAnother() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let first = try await client.call(.post, "/v1/tickets", key: operator_, json: Self.good, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(first.status == .created)
            let again = try await client.call(.post, "/v1/tickets", key: operator_, json: Self.good, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(again.status == .ok)
            #expect(again.json["id"] as? String == first.json["id"] as? String)
            var other = Self.good
            other["description"] = "另一件事"
            let reused = try await client.call(.post, "/v1/tickets", key: operator_, json: other, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(reused.status == .conflict)
            #expect(errorCode(reused.json) == "idempotency_key_reused")
        }
        #expect(self.fixture.cases.tickets.count == 1)
    }

    @Test func listingValidatesItsParametersAndIsForStaffOnly() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        let grid = try await self.fixture.key(.grid, grid: "620402001")
        try await self.fixture.test { client in
            let bad = try await client.call(.get, "/v1/tickets?status=bogus&limit=0&overdue=yes&sort=up&cursor=xyz&colour=red", key: operator_)
            #expect(bad.status == .badRequest)
            #expect(errorFields(bad.json) == ["status", "limit", "overdue", "sort", "cursor", "colour"])
            try await client.expect(.forbidden, .get, "/v1/tickets", key: grid)
            try await client.call(.post, "/v1/tickets", key: operator_, json: Self.good)
            let page = try await client.call(.get, "/v1/tickets?status=received&limit=10", key: operator_)
            #expect(page.status == .ok)
            #expect((page.json["tickets"] as? [Any])?.count == 1)
        }
    }

    @Test func operatorActionsAnswer404And409AsTheStoreRefuses() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        let department = try await self.fixture.key(.department, department: "CG")
        try await self.fixture.test { client in
            let id = try #require(try await client.call(.post, "/v1/tickets", key: operator_, json: Self.good).json["id"] as? String)
            let unknown = UUID().uuidString
            try await client.expect(.notFound, .post, "/v1/tickets/\(unknown)/cancel", key: operator_)
            try await client.expect(.notFound, .post, "/v1/tickets/\(unknown)/rating", key: operator_, json: ["score": 1])
            let score = try await client.call(.post, "/v1/tickets/\(id)/rating", key: operator_, json: ["score": 4])
            #expect(score.status == .badRequest)
            #expect(errorFields(score.json) == ["score"])
            let reason = try await client.call(.post, "/v1/tickets/\(id)/rating", key: operator_, json: ["score": 3, "reason": 5])
            #expect(errorFields(reason.json) == ["reason"])
            // A received ticket is not resolved: it cannot be rated yet.
            let early = try await client.call(.post, "/v1/tickets/\(id)/rating", key: operator_, json: ["score": 1])
            #expect(early.status == .conflict)
            #expect(errorCode(early.json) == "illegal_transition")
            try await client.expect(.forbidden, .post, "/v1/tickets/\(id)/cancel", key: department)
            let cancelled = try await client.call(.post, "/v1/tickets/\(id)/cancel", key: operator_, json: ["reason": "重复来电"])
            #expect(cancelled.status == .ok)
            #expect(cancelled.json["status"] as? String == "cancelled")
            try await client.expect(.conflict, .post, "/v1/tickets/\(id)/cancel", key: operator_)
            let long = try await client.call(.post, "/v1/tickets/\(id)/dispatch", key: operator_, json: ["grid": String(repeating: "9", count: 65)])
            #expect(long.status == .badRequest)
            #expect(errorFields(long.json) == ["grid"])
        }
    }

    @Test func anAnswerFromAnUnknownArticleIsA400() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            var body = Self.good
            body["answer"] = ["article": UUID().uuidString]
            let answer = try await client.call(.post, "/v1/tickets", key: operator_, json: body)
            #expect(answer.status == .badRequest)
            #expect(errorFields(answer.json) == ["answer.article"])
        }
        #expect(self.fixture.cases.tickets.isEmpty)
    }
}
