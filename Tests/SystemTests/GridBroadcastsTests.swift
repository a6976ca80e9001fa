import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the mobile page reads and does beyond tasks (docs/grid.md): one-key broadcasts seen and
/// acknowledged from a grid key, a secretary's view of its workers' acknowledgements, and the
/// map's grids limited to the key's community.
@Suite struct GridBroadcastsTests {
    let stack: Stack

    init() throws {
        self.stack = try Stack.load()
    }

    var intake: String { self.stack["INTAKE_URL"] }

    /// 朝阳社区: no other test broadcasts there.
    static let community = "620402002002"
    static let grid = "62040200200201"
    static let otherGrid = "62040200300101"

    func key(_ role: String, _ scope: [String: Any]) async throws -> String {
        let (status, json) = try await self.stack.http(
            "POST", self.intake + "/v1/keys", json: ["role": role, "name": "通知测试-\(role)"].merging(scope) { $1 }, key: self.stack["ADMIN_KEY"]
        )
        #expect(status == 201, "\(json)")
        return try #require(json["key"] as? String)
    }

    func received(_ key: String) async throws -> [[String: Any]] {
        let (status, json) = try await self.stack.http("GET", self.intake + "/v1/me/broadcasts", key: key)
        #expect(status == 200, "\(json)")
        return json["broadcasts"] as? [[String: Any]] ?? []
    }

    @Test func aWorkerAcknowledgesABroadcastFromThePageAndTheSecretarySeesIt() async throws {
        let worker = try await self.key("grid", ["grid": Self.grid])
        let stranger = try await self.key("grid", ["grid": Self.otherGrid])
        let secretary = try await self.key("secretary", ["community": Self.community])
        let (status, created) = try await self.stack.http(
            "POST", self.intake + "/v1/broadcasts",
            json: ["scope": ["community": Self.community], "text": "朝阳社区今晚大风，请检查辖区广告牌（测试 \(UUID().uuidString.prefix(8))）", "requireAck": true],
            key: self.stack["OPERATOR_KEY"]
        )
        #expect(status == 201, "\(created)")
        let id = try #require(created["id"] as? String)

        // The notifier fans it out; then the worker's page lists it, not yet acknowledged.
        var mine: [String: Any]?
        for _ in 0..<150 where mine == nil {
            mine = try await self.received(worker).first { $0["id"] as? String == id }
            if mine == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let listed = try #require(mine, "the broadcast reaches the worker's page")
        #expect(listed["requireAck"] as? Bool == true && !(listed["acknowledgedAt"] is String) && listed["recipients"] as? Int == 1)
        #expect(try await self.received(stranger).allSatisfy { $0["id"] as? String != id }, "another community's worker does not see it")

        let denied = try await self.stack.http("POST", self.intake + "/v1/broadcasts/\(id)/ack", json: [:], key: stranger)
        #expect(denied.status == 404, "\(denied.json)")
        #expect(try await self.stack.http("POST", self.intake + "/v1/broadcasts/\(id)/ack", json: [:], key: secretary).status == 403)

        let acknowledged = try await self.stack.http("POST", self.intake + "/v1/broadcasts/\(id)/ack", json: [:], key: worker)
        #expect(acknowledged.status == 200 && acknowledged.json["already"] as? Bool == false, "\(acknowledged.json)")
        let again = try await self.stack.http("POST", self.intake + "/v1/broadcasts/\(id)/ack", json: [:], key: worker)
        #expect(again.status == 200 && again.json["already"] as? Bool == true)
        #expect(again.json["acknowledgedAt"] as? String == acknowledged.json["acknowledgedAt"] as? String, "the first time stays")
        #expect(try await self.received(worker).first { $0["id"] as? String == id }?["acknowledgedAt"] is String)

        // The centre sees it as it sees an SMS 收到; the secretary sees how many of its workers did.
        let (_, shown) = try await self.stack.http("GET", self.intake + "/v1/broadcasts/\(id)", key: self.stack["OPERATOR_KEY"])
        let recipients = shown["recipients"] as? [[String: Any]] ?? []
        #expect(recipients.filter { $0["acknowledgedAt"] is String }.map { $0["grids"] as? [String] } == [[Self.grid]], "\(recipients)")
        let community = try #require(try await self.received(secretary).first { $0["id"] as? String == id })
        #expect(community["acknowledged"] as? Int == 1 && (community["recipients"] as? Int ?? 0) == recipients.count)
    }

    @Test func theMapShowsTheKeysCommunityOnly() async throws {
        func codes(_ key: String) async throws -> [String] {
            let (status, json) = try await self.stack.http("GET", self.intake + "/v1/jurisdiction/grids", key: key)
            #expect(status == 200)
            return (json["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["code"] as? String }
        }
        let worker = try await codes(try await self.key("grid", ["grid": Self.grid]))
        let secretary = try await codes(try await self.key("secretary", ["community": Self.community]))
        let operator_ = try await codes(self.stack["OPERATOR_KEY"])
        #expect(worker.contains(Self.grid) && !worker.contains(Self.otherGrid))
        #expect(Set(worker) == Set(secretary) && worker.allSatisfy { $0.hasPrefix(Self.community) })
        #expect(operator_.count > worker.count && operator_.contains(Self.otherGrid))
    }
}
