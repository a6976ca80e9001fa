import CaseStore
import Foundation
import HTTPTypes
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// One-key broadcasts (`/v1/broadcasts`) on ``InMemoryBroadcasts``: roles, each bad field
/// named, unknown broadcasts, and a broadcast stored once per idempotency key.
@Suite struct BroadcastsRouterTests {
    let fixture = IntakeRouterFixture()

    static var good: [String: Any] { ["scope": ["street": "620402"], "text": "今晚有暴雨，请巡查低洼地段"] }

    @Test func onlyTheCentreBroadcasts() async throws {
        let (department, grid, screen) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.grid, grid: "620402001"),
            try await self.fixture.key(.screen)
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .post, "/v1/broadcasts", json: Self.good)
            for key in [department, grid, screen] {
                try await client.expect(.forbidden, .post, "/v1/broadcasts", key: key, json: Self.good)
                try await client.expect(.forbidden, .get, "/v1/broadcasts", key: key)
                try await client.expect(.forbidden, .get, "/v1/broadcasts/\(UUID().uuidString)", key: key)
            }
        }
        #expect(try await self.fixture.broadcasts.latest(limit: 10).isEmpty)
    }

    @Test func eachBadFieldIsNamedAndNothingIsStored() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let empty = try await client.call(.post, "/v1/broadcasts", key: operator_, json: [:])
            #expect(empty.status == .badRequest)
            #expect(errorFields(empty.json) == ["scope", "text"])
            let bad = try await client.call(
                .post, "/v1/broadcasts", key: operator_,
                json: ["scope": ["street": "999"], "text": String(repeating: "雨", count: 301), "requireAck": "yes", "colour": 1]
            )
            #expect(errorFields(bad.json) == ["scope.street", "text", "requireAck", "colour"])
            let two = try await client.call(.post, "/v1/broadcasts", key: operator_, json: ["scope": ["street": "620402", "community": "620402101"], "text": "x"])
            #expect(errorFields(two.json) == ["scope"])
        }
        #expect(try await self.fixture.broadcasts.latest(limit: 10).isEmpty)
    }

    @Test func unknownBroadcastsAre404() async throws {
        let admin = try await self.fixture.key(.admin)
        try await self.fixture.test { client in
            try await client.expect(.notFound, .get, "/v1/broadcasts/\(UUID().uuidString)", key: admin)
            try await client.expect(.notFound, .get, "/v1/broadcasts/not-a-uuid", key: admin)
        }
    }

    @Test func aBroadcastReachesTheStreetsWorkersOncePerKey() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "storm-1"]
            let created = try await client.call(.post, "/v1/broadcasts", key: operator_, json: Self.good, headers: key)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/v1/broadcasts/\(id)")
            #expect(created.json["status"] as? String == "queued")
            #expect((created.json["totals"] as? [String: Any])?["recipients"] as? Int == 3)
            let replayed = try await client.call(.post, "/v1/broadcasts", key: operator_, json: Self.good, headers: key)
            #expect(replayed.status == .ok)
            #expect(replayed.json["id"] as? String == id)
            let reused = try await client.call(.post, "/v1/broadcasts", key: operator_, json: ["scope": ["street": "620402"], "text": "别的"], headers: key)
            #expect(reused.status == .conflict)
            #expect(errorCode(reused.json) == "idempotency_key_reused")
            let shown = try await client.call(.get, "/v1/broadcasts/\(id)", key: operator_)
            let phones = (shown.json["recipients"] as? [[String: Any]] ?? []).compactMap { $0["phone"] as? String }
            #expect(Set(phones) == ["13909310301", "13909310302", "13909310303"])
            let community = try await client.call(.post, "/v1/broadcasts", key: operator_, json: ["scope": ["community": "620402102"], "text": "东山停水"])
            #expect((community.json["totals"] as? [String: Any])?["recipients"] as? Int == 1)
            let list = try await client.call(.get, "/v1/broadcasts?limit=1", key: operator_)
            let rows = list.json["broadcasts"] as? [[String: Any]] ?? []
            #expect(rows.count == 1)
            #expect(rows.first?["text"] as? String == "东山停水")
            #expect(rows.first?["recipients"] == nil)
        }
    }
}
