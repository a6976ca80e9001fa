import Foundation
import Testing

/// Returns under review and the community duty list (CONTRACTS section 11), on the running
/// stack with the demo catalog plus `"returns": {"review": true, "communityDuties": [...]}`.
/// It swaps the stack's jurisdiction, so it runs with the suites that run alone.
@Suite(.serialized) struct ReturnReviewSerialTests {
    let stack: Stack
    static let rule = "社区职责清单第3条：邻里纠纷由社区调解"

    init() throws {
        self.stack = try Stack.load()
    }

    @Test func returnsWaitForTheCentreAndDutiesAreRefused() async throws {
        let demo = self.stack.root.appendingPathComponent("deploy/demo")
        var catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: demo.appendingPathComponent("catalog.json"))) as? [String: Any])
        catalog["returns"] = ["review": true, "communityDuties": [["category": "neighbour_dispute", "rule": Self.rule]]]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("returns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: demo.appendingPathComponent("grids.geojson"), to: folder.appendingPathComponent("grids.geojson"))
        try JSONSerialization.data(withJSONObject: catalog).write(to: folder.appendingPathComponent("catalog.json"))
        let imported = try self.stack.command("dispatcher", ["import", folder.path])
        #expect(imported.status == 0, "\(imported.output)")
        do {
            try await Task.sleep(for: .seconds(2))  // both services reload on the import's NOTIFY
            try await self.reviewedReturn()
            try await self.dutyRefusal()
        } catch {
            _ = try? self.stack.command("dispatcher", ["import", demo.path])
            throw error
        }
        let restored = try self.stack.command("dispatcher", ["import", demo.path])
        #expect(restored.status == 0, "\(restored.output)")
    }

    private func reviewedReturn() async throws {
        let (status, created) = try await self.stack.createTicket(demoTicket())
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        _ = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        let cg = try await self.stack.departmentKey("CG")
        let tasks = self.stack["INTAKE_URL"] + "/v1/tasks/\(id)"

        // CG returns it: it waits for the centre, still routed to CG, the return counted.
        let returned = try await self.stack.http("POST", tasks + "/return", json: ["note": "不属于本单位职责"], key: cg)
        #expect(returned.status == 200)
        #expect(returned.json["status"] as? String == "returned")
        #expect(returned.json["returnCount"] as? Int == 1)
        #expect((returned.json["departments"] as? [[String: Any]])?.first?["code"] as? String == "CG")
        let history = try await self.stack.ticket(id)["history"] as? [[String: Any]] ?? []
        let event = history.last { $0["type"] as? String == "ticket.returned" }
        #expect((event?["data"] as? [String: Any])?["review"] as? Bool == true)
        // The department cannot act on it while it waits.
        #expect(try await self.stack.http("POST", tasks + "/resolve", json: ["note": "x"], key: cg).status == 409)

        // The centre rejects the return: back to CG with the reason.
        let url = self.stack["INTAKE_URL"] + "/v1/tickets/\(id)"
        #expect(try await self.stack.http("POST", url + "/return/reject", json: ["reason": ""], key: self.stack["OPERATOR_KEY"]).status == 400)
        #expect(try await self.stack.http("POST", url + "/return/reject", json: ["reason": "路灯属城管职责"], key: cg).status == 403)
        let rejected = try await self.stack.http("POST", url + "/return/reject", json: ["reason": "路灯属城管职责"], key: self.stack["OPERATOR_KEY"])
        #expect(rejected.status == 200)
        #expect(rejected.json["status"] as? String == "assigned")
        #expect(try await self.stack.historyTypes(id).contains("ticket.return_rejected"))
        #expect(try await self.stack.http("POST", url + "/return/reject", json: ["reason": "again"], key: self.stack["OPERATOR_KEY"]).status == 409)

        // Returned again, the centre re-dispatches it to another department.
        #expect(try await self.stack.http("POST", tasks + "/return", json: ["note": "仍不属于本单位"], key: cg).json["status"] as? String == "returned")
        let dispatched = try await self.stack.http("POST", url + "/dispatch", json: ["department": "GD"], key: self.stack["OPERATOR_KEY"])
        #expect(dispatched.status == 200)
        #expect(dispatched.json["status"] as? String == "assigned")
        #expect((dispatched.json["departments"] as? [[String: Any]])?.first?["code"] as? String == "GD")
        #expect(dispatched.json["returnCount"] as? Int == 2)
    }

    private func dutyRefusal() async throws {
        let (status, created) = try await self.stack.createTicket(demoTicket("楼上楼下邻里纠纷，吵了好几天了"))
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let routed = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        #expect(routed["handler"] as? String == "community")
        let community = try #require(routed["community"] as? String)
        // The community's own key (a department-role key scoped to the community code answers as the community).
        let key = try await self.stack.departmentKey(community)
        let refused = try await self.stack.http("POST", self.stack["INTAKE_URL"] + "/v1/tasks/\(id)/return", json: ["note": "不归我们管"], key: key)
        #expect(refused.status == 409)
        let error = refused.json["error"] as? [String: Any]
        #expect(error?["code"] as? String == "community_duty")
        #expect((error?["message"] as? String)?.contains(Self.rule) == true)
        let after = try await self.stack.ticket(id)
        #expect(after["status"] as? String == "assigned")
        #expect(after["returnCount"] as? Int == 0)
    }
}
