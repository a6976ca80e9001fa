import Foundation
import HotlineCrypto
import Testing

/// Households (一户一档) on the running stack: import, routing, visits, scope.
@Suite struct HouseholdTests {
    let stack: Stack
    /// Two grids of the demo jurisdiction the test stack runs.
    let grid = "62040200100201"
    let otherGrid = "62040200100101"

    init() throws {
        self.stack = try Stack.load()
    }

    /// A unique code and phone, so that tests never meet each other's households.
    static func unique() -> (code: String, phone: String) {
        let n = Int.random(in: 0..<100_000_000)
        return ("T-\(UUID().uuidString.prefix(8))", "139" + String(format: "%08d", n))
    }

    /// Writes `text` to a temporary file with this name ending and imports it.
    func importHouseholds(_ text: String, ending: String = "json") throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "households-\(UUID().uuidString).\(ending)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try self.stack.command("dispatcher", ["import-households", path])
    }

    func household(_ code: String, key: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        try await self.stack.http("GET", "\(self.stack["INTAKE_URL"])/v1/households/\(code)", key: key ?? self.stack["OPERATOR_KEY"])
    }

    /// A grid worker's key for `grid` (stored hashed, as `intake keys create --role grid` does).
    func gridKey(_ grid: String) async throws -> String {
        let secret = "hk_test_" + Hex.encode(SecureRandom.bytes(16))
        try await self.stack.sql(
            "INSERT INTO api_keys (id, name, role, grid, key_hash) VALUES ($1::uuid, $2, 'grid', $3, $4)",
            [UUID().uuidString, "test-worker-\(grid)", grid, SHA256Digest.hex(secret)]
        )
        return secret
    }

    @Test func importWithErrorsReportsEachAndWritesNothing() async throws {
        let (good, phone) = Self.unique()
        let (bad, _) = Self.unique()
        let entry = """
            {"code": "\(good)", "address": "测试小区1号楼101", "grid": "\(self.grid)",
              "members": [{"name": "甲", "phone": "\(phone)", "birthYear": 1950, "flags": ["alone"]}]}
            """
        let file = "[" + entry + ",\n" + """
             {"code": "\(bad)", "address": "测试小区1号楼102", "grid": "no-such-grid",
              "members": [{"name": "乙", "phone": "12345", "birthYear": 1950, "flags": ["lonely"]}]}]
            """
        let refused = try self.importHouseholds(file)
        #expect(refused.status == 2)
        #expect(refused.output.contains("household 1 (code \(bad)): grid: unknown grid 'no-such-grid'"))
        #expect(refused.output.contains("household 1 (code \(bad)): members[0].flags[0]: unknown flag 'lonely'"))
        #expect(refused.output.contains("household 1 (code \(bad)): members[0].phone:"))
        #expect(refused.output.contains("nothing changed"))
        #expect(try await self.household(good).status == 404, "the valid entry of a refused file is not written either")

        // The valid part alone goes in; importing it again changes nothing.
        let valid = "[" + entry + "]"
        let first = try self.importHouseholds(valid)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("1 new"))
        #expect(try self.importHouseholds(valid).output.contains("0 new, 0 changed, 1 unchanged"))
        let (status, json) = try await self.household(good)
        #expect(status == 200)
        #expect(json["colour"] as? String == "red")
        #expect((json["members"] as? [[String: Any]])?.first?["ageBand"] as? String == "60-79")

        // A CSV whose second row is wrong names the row and column, and leaves the household as it was.
        let csv = """
            code,address,grid,member_name,member_phone,birth_year,flags
            \(good),测试小区1号楼101,\(self.grid),甲,\(phone),1950,alone
            \(good),,,乙,,2090,
            """
        let csvRefused = try self.importHouseholds(csv, ending: "csv")
        #expect(csvRefused.status == 2)
        #expect(csvRefused.output.contains("row 3 (code \(good)): birth_year: 2090 is in the future"), "\(csvRefused.output)")
        #expect((try await self.household(good).json["members"] as? [Any])?.count == 1)
    }

    @Test func redHouseholdsCallIsUrgentAndAlertsTheGridWorker() async throws {
        let (code, phone) = Self.unique()
        let imported = try self.importHouseholds(
            """
            [{"code": "\(code)", "address": "测试小区2号楼\(Int.random(in: 1...99999))", "grid": "\(self.grid)",
              "members": [{"name": "独居老人", "phone": "\(phone)", "birthYear": 1940, "flags": ["alone"]}]}]
            """
        )
        #expect(imported.status == 0, "\(imported.output)")
        var body = demoTicket("家门口路灯不亮，晚上看不清路")
        body["caller"] = ["name": "独居老人", "phone": phone]
        let (status, created) = try await self.stack.createTicket(body)
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let ticket = try await self.stack.waitForTicket(id) { $0["status"] as? String != "received" }
        #expect(ticket["urgency"] as? String == "urgent", "a general streetlight category raised by the red household")
        let routing = try #require(ticket["routing"] as? [String: Any])
        let household = try #require(routing["household"] as? [String: Any])
        #expect(household["code"] as? String == code)
        #expect(household["colour"] as? String == "red")
        #expect(household["matchedBy"] as? String == "caller phone")
        #expect((routing["reasons"] as? [String])?.contains { $0.contains("红色户\(code)") && $0.contains("紧急程度提升为较急") } == true)
        let number = try #require(ticket["number"] as? String)
        let alerts = try await self.stack.waitForSMS { $0["kind"] as? String == "household_alert" && $0["ticketNumber"] as? String == number }
        #expect(alerts.count == 1)
        #expect((alerts.first?["text"] as? String)?.contains(code) == true)
        #expect(alerts.first?["to"] as? String != phone, "the alert goes to the grid worker, not the caller")
        // The receipt, planned when intake took the call, promises the urgent deadline routing gave it.
        let resolveByText = try #require((ticket["deadlines"] as? [String: Any])?["resolveByText"] as? String)
        let receipts = try await self.stack.waitForSMS { $0["kind"] as? String == "receipt" && $0["ticketNumber"] as? String == number }
        #expect((receipts.first?["text"] as? String)?.contains("承诺于\(resolveByText)前办结") == true, "\(receipts) vs \(resolveByText)")
        // The household's page lists the ticket.
        let page = try await self.household(code).json
        #expect((page["tickets"] as? [[String: Any]])?.contains { $0["number"] as? String == number } == true)
    }

    @Test func visitFindingOpensAGridPatrolTicket() async throws {
        let (code, _) = Self.unique()
        let address = "测试小区3号楼\(Int.random(in: 1...99999))"
        #expect(try self.importHouseholds(#"[{"code": "\#(code)", "address": "\#(address)", "grid": "\#(self.grid)"}]"#).status == 0)
        let url = "\(self.stack["INTAKE_URL"])/v1/households/\(code)/visits"
        let (refused, error) = try await self.stack.http("POST", url, json: ["visitor": "王网格"], key: self.stack["OPERATOR_KEY"])
        #expect(refused == 400)
        #expect(((error["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.first?["field"] as? String == "findings")
        let (status, json) = try await self.stack.http(
            "POST", url, json: ["visitor": "王网格", "findings": "楼道路灯不亮，老人夜里出门不便", "ticket": ["description": "楼道路灯不亮，请维修"]],
            key: self.stack["OPERATOR_KEY"]
        )
        #expect(status == 201)
        let ticketId = try #require((json["ticket"] as? [String: Any])?["id"] as? String)
        let ticket = try await self.stack.waitForTicket(ticketId) { $0["status"] as? String != "received" }
        #expect(ticket["channel"] as? String == "grid_patrol")
        #expect(ticket["status"] as? String == "assigned")
        #expect((ticket["location"] as? [String: Any])?["address"] as? String == address)
        let page = try await self.household(code).json
        let visit = try #require((page["visits"] as? [[String: Any]])?.first)
        #expect(visit["visitor"] as? String == "王网格")
        #expect(visit["ticketId"] as? String == ticketId)
        #expect(page["lastVisitAt"] != nil)
    }

    @Test func anotherGridsHouseholdIsNotFoundAndReadsAreRecorded() async throws {
        let (mine, myPhone) = Self.unique()
        let (theirs, _) = Self.unique()
        #expect(
            try self.importHouseholds(
                """
                [{"code": "\(mine)", "address": "测试小区4号楼1", "grid": "\(self.grid)", "members": [{"name": "甲", "phone": "\(myPhone)"}]},
                 {"code": "\(theirs)", "address": "测试小区4号楼2", "grid": "\(self.otherGrid)"}]
                """
            ).status == 0
        )
        let key = try await self.gridKey(self.grid)
        let base = "\(self.stack["INTAKE_URL"])/v1/households"
        // Another grid's household does not exist for this key: 404, not 403.
        #expect(try await self.household(theirs, key: key).status == 404)
        #expect(try await self.stack.http("PUT", "\(base)/\(theirs)", json: ["address": "x", "grid": self.otherGrid], key: key).status == 404)
        #expect(try await self.stack.http("PUT", "\(base)/\(mine)", json: ["address": "x", "grid": self.otherGrid], key: key).status == 403)
        let (otherStatus, otherGrid) = try await self.stack.http("GET", "\(base)?grid=\(self.otherGrid)", key: key)
        #expect(otherStatus == 200 && (otherGrid["households"] as? [Any])?.isEmpty == true)
        #expect(try await self.stack.http("GET", "\(base)/\(mine)/reads", key: key).status == 403, "the read log is for admins")
        let (status, json) = try await self.household(mine, key: key)
        #expect(status == 200)
        #expect((json["members"] as? [[String: Any]])?.first?["phone"] as? String == myPhone)
        // Its list holds only its grid, with phones masked.
        let (_, list) = try await self.stack.http("GET", "\(base)?q=\(mine)", key: key)
        let rows = try #require(list["households"] as? [[String: Any]])
        #expect(rows.map { $0["code"] as? String } == [mine])
        #expect((rows.first?["members"] as? [[String: Any]])?.first?["phone"] as? String == "139****" + myPhone.suffix(4))
        #expect(try await self.stack.http("GET", "\(base)?q=\(theirs)", key: key).json["households"] as? [Any] != nil)
        #expect((try await self.stack.http("GET", "\(base)?q=\(theirs)", key: key).json["households"] as? [Any])?.isEmpty == true)
        // A department key sees a household's colour, never its members.
        let (departmentStatus, seen) = try await self.household(mine, key: try await self.stack.departmentKey("CG"))
        #expect(departmentStatus == 200)
        #expect(Set(seen.keys) == ["code", "colour"], "a department sees the colour only: \(seen)")
        #expect(try await self.stack.http("GET", base, key: try await self.stack.departmentKey("CG")).status == 403)
        let (_, reads) = try await self.stack.http("GET", "\(base)/\(mine)/reads", key: self.stack["ADMIN_KEY"])
        #expect((reads["reads"] as? [[String: Any]])?.contains { $0["actor"] as? String == "test-worker-\(self.grid)" && $0["role"] as? String == "grid" } == true)
    }

    @Test func colourOverrideNeedsAReasonAndIsKeptInHistory() async throws {
        let (code, _) = Self.unique()
        #expect(try self.importHouseholds(#"[{"code": "\#(code)", "address": "测试小区5号楼1", "grid": "\#(self.grid)"}]"#).status == 0)
        let url = "\(self.stack["INTAKE_URL"])/v1/households/\(code)/colour"
        #expect(try await self.stack.http("POST", url, json: ["colour": "yellow"], key: self.stack["OPERATOR_KEY"]).status == 400)
        #expect(try await self.household(code).json["colour"] as? String == "green")
        let (status, json) = try await self.stack.http(
            "POST", url, json: ["colour": "yellow", "reason": "家中主要劳动力新近失业"], key: self.stack["OPERATOR_KEY"]
        )
        #expect(status == 200)
        #expect(json["colour"] as? String == "yellow")
        #expect(json["ruleColour"] as? String == "green")
        let history = try #require(try await self.household(code).json["history"] as? [[String: Any]])
        #expect(history.contains { $0["action"] as? String == "colour overridden" })
        // A re-import keeps the override: the rules still say green.
        _ = try self.importHouseholds(#"[{"code": "\#(code)", "address": "测试小区5号楼1", "grid": "\#(self.grid)", "kind": "residential"}]"#)
        #expect(try await self.household(code).json["colour"] as? String == "yellow")
    }

    @Test func statisticsCountColoursAgeBandsAndFlags() async throws {
        let (code, _) = Self.unique()
        let url = "\(self.stack["INTAKE_URL"])/v1/stats/households?groupBy=grid"
        func figures() async throws -> [String: Any] {
            let groups = try await self.stack.http("GET", url, key: self.stack["OPERATOR_KEY"]).json["groups"] as? [[String: Any]] ?? []
            return groups.first { $0["key"] as? String == self.otherGrid } ?? [:]
        }
        // Other tests add households to this grid too: compare what this import adds, at least.
        let before = try await figures()
        #expect(
            try self.importHouseholds(
                """
                [{"code": "\(code)", "address": "测试小区6号楼1", "grid": "\(self.otherGrid)",
                  "members": [{"name": "甲", "birthYear": 2024}, {"name": "乙", "birthYear": 1940, "flags": ["alone", "chronic"]}]}]
                """
            ).status == 0
        )
        let after = try await figures()
        func count(_ figures: [String: Any], _ path: String...) -> Int {
            var value: Any? = figures
            for key in path { value = (value as? [String: Any])?[key] }
            return value as? Int ?? 0
        }
        #expect(count(after, "households") >= count(before, "households") + 1)
        #expect(count(after, "byAgeBand", "0-3") >= count(before, "byAgeBand", "0-3") + 1)
        #expect(count(after, "byAgeBand", "80+") >= count(before, "byAgeBand", "80+") + 1)
        #expect(count(after, "byFlag", "chronic") >= count(before, "byFlag", "chronic") + 1)
        #expect(count(after, "byColour", "red") >= count(before, "byColour", "red") + 1)
        let (status, _) = try await self.stack.http("GET", "\(self.stack["INTAKE_URL"])/v1/stats/households?groupBy=planet", key: self.stack["OPERATOR_KEY"])
        #expect(status == 400)
    }
}
