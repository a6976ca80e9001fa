import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// One-key broadcasts from the grid's side (`GET /v1/me/broadcasts`, `POST
/// /v1/broadcasts/{id}/ack`) on ``InMemoryBroadcasts``: roles, keys without a grid, unknown
/// broadcasts, and an acknowledgement counted once.
@Suite struct GridBroadcastsRouterTests {
    let fixture = IntakeRouterFixture()

    @Test func onlyTheGridSideReadsAndOnlyAWorkerAcknowledges() async throws {
        let (operator_, department, secretary, noGrid) = (
            try await self.fixture.key(.operator_), try await self.fixture.key(.department, department: "CG"),
            try await self.fixture.key(.secretary, community: "620402101"), try await self.fixture.key(.grid)
        )
        let id = UUID().uuidString
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/me/broadcasts")
            for key in [operator_, department] { try await client.expect(.forbidden, .get, "/v1/me/broadcasts", key: key) }
            for key in [operator_, department, secretary] { try await client.expect(.forbidden, .post, "/v1/broadcasts/\(id)/ack", key: key) }
            try await client.expect(.forbidden, .get, "/v1/me/broadcasts", key: noGrid)
            try await client.expect(.forbidden, .post, "/v1/broadcasts/\(id)/ack", key: noGrid)
        }
    }

    @Test func aWorkerAcknowledgesOnceAndTheSecretaryCountsIt() async throws {
        let (operator_, worker, other, secretary) = (
            try await self.fixture.key(.operator_), try await self.fixture.key(.grid, grid: "620402001"),
            try await self.fixture.key(.grid, grid: "620402003"), try await self.fixture.key(.secretary, community: "620402101")
        )
        try await self.fixture.test { client in
            let created = try await client.call(.post, "/v1/broadcasts", key: operator_, json: ["scope": ["community": "620402101"], "text": "今晚巡查"])
            let id = try #require(created.json["id"] as? String)
            let silent = try await client.call(
                .post, "/v1/broadcasts", key: operator_, json: ["scope": ["community": "620402101"], "text": "仅通知", "requireAck": false]
            )
            let silentId = try #require(silent.json["id"] as? String)

            try await client.expect(.notFound, .post, "/v1/broadcasts/\(UUID().uuidString)/ack", key: worker)
            try await client.expect(.notFound, .post, "/v1/broadcasts/\(id)/ack", key: other)
            try await client.expect(.notFound, .post, "/v1/broadcasts/\(silentId)/ack", key: worker)
            let mine = try await client.call(.get, "/v1/me/broadcasts", key: worker)
            #expect((mine.json["broadcasts"] as? [[String: Any]])?.map { $0["id"] as? String } == [silentId, id])
            #expect((try await client.call(.get, "/v1/me/broadcasts", key: other).json["broadcasts"] as? [Any])?.isEmpty == true)

            let first = try await client.call(.post, "/v1/broadcasts/\(id)/ack", key: worker)
            #expect(first.status == .ok)
            #expect(first.json["already"] as? Bool == false)
            let again = try await client.call(.post, "/v1/broadcasts/\(id)/ack", key: worker)
            #expect(again.json["already"] as? Bool == true)
            #expect(again.json["acknowledgedAt"] as? String == first.json["acknowledgedAt"] as? String)

            let community = try await client.call(.get, "/v1/me/broadcasts", key: secretary)
            let row = (community.json["broadcasts"] as? [[String: Any]])?.first { $0["id"] as? String == id }
            #expect(row?["recipients"] as? Int == 2)
            #expect(row?["acknowledged"] as? Int == 1)
            #expect(row?["acknowledgedAt"] == nil)
            let shown = try await client.call(.get, "/v1/broadcasts/\(id)", key: operator_)
            #expect((shown.json["totals"] as? [String: Any])?["acknowledged"] as? Int == 1)
        }
    }
}
