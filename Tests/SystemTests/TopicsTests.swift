import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Monthly topics (每月一题) and the monthly report's hot-grid map, on tickets written straight
/// into a month of their own (a random month of 1900-1959, so no other test's tickets fall
/// in it or in the three months before).
@Suite struct TopicsTests {
    static let community = "620402001001"
    static let grid = "62040200100101"
    static let street = "620402001"

    let stack: Stack
    let month: (year: Int, month: Int)

    init() throws {
        self.stack = try Stack.load()
        self.month = (Int.random(in: 1900...1959), Int.random(in: 1...12))
    }

    /// `YYYY-MM` of the month `offset` months from the test's month.
    func label(_ offset: Int) -> String {
        let index = self.month.year * 12 + self.month.month - 1 + offset
        return String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }

    /// Writes `count` tickets of `category` in the demo's first grid on day 10 of the month `offset`.
    func tickets(_ category: String, _ offset: Int, _ count: Int, status: String = "assigned", grid: String = grid) async throws {
        for index in 0..<count {
            try await self.stack.sql(
                """
                INSERT INTO tickets (id, number, status, channel, description, created_at, updated_at, category, grid, community, street)
                VALUES ($1::uuid, $2, $3, 'phone', 'topic fixture', $4::timestamptz, $4::timestamptz, $5, $6, $7, $8)
                """,
                [UUID().uuidString, "T-\(UUID().uuidString)", status, "\(self.label(offset))-10T0\(index % 10):00:00+08:00", category,
                 grid, Self.community, Self.street]
            )
        }
    }

    @Test func recurringProblemsBecomeTrackedTopics() async throws {
        let intake = self.stack["INTAKE_URL"]
        let operatorKey = self.stack["OPERATOR_KEY"]
        try await self.stack.sql("DELETE FROM topic_tickets WHERE topic_id IN (SELECT id FROM topics WHERE month = $1)", [self.label(0)])
        try await self.stack.sql("DELETE FROM topics WHERE month = $1", [self.label(0)])
        // Streetlights: 6 this month (2 closed) against 2, 2, 2 before: rising. Noise: 3 against
        // 4, 4, 4: falling. Sewers: 2, under the minimum of 3.
        try await self.tickets("streetlight", 0, 4)
        try await self.tickets("streetlight", 0, 2, status: "closed")
        try await self.tickets("noise", 0, 3)
        try await self.tickets("sewer_blocked", 0, 2)
        for offset in -3 ... -1 {
            try await self.tickets("streetlight", offset, 2)
            try await self.tickets("noise", offset, 4)
        }

        let candidatesURL = intake + "/v1/topics/candidates?month=\(self.label(0))&area=community"
        let (status, found) = try await self.stack.http("GET", candidatesURL, key: operatorKey)
        #expect(status == 200)
        #expect(found["previousMonths"] as? [String] == [self.label(-3), self.label(-2), self.label(-1)])
        let rows = try #require(found["rows"] as? [[String: Any]])
        #expect(rows.map { $0["category"] as? String } == ["streetlight", "noise"])
        let light = rows[0]
        #expect(light["count"] as? Int == 6)
        #expect(light["previous"] as? [Int] == [2, 2, 2])
        #expect(light["trend"] as? String == "rising")
        #expect(light["categoryName"] as? String != nil)
        #expect((light["area"] as? [String: Any])?["name"] as? String == "水川社区")
        #expect((light["tickets"] as? [[String: Any]])?.count == 6)
        #expect((light["tickets"] as? [[String: Any]])?.first?["caller"] == nil)
        #expect(rows[1]["trend"] as? String == "falling")
        #expect(light["topicId"] == nil)

        let bad = try await self.stack.http("GET", intake + "/v1/topics/candidates?month=1999-13&area=district&min=0", key: operatorKey)
        #expect(bad.status == 400)
        #expect(Set(Self.fields(bad.json)) == ["month", "area", "min"])

        // Promotion: every field checked, then the topic with the month's six tickets.
        let wrong = try await self.stack.http(
            "POST", intake + "/v1/topics",
            json: ["month": "soon", "category": "nope", "area": ["level": "community", "code": "000"], "ownerDepartment": "XX", "targetDate": "2000-01-01"],
            key: operatorKey
        )
        #expect(wrong.status == 400)
        #expect(Set(Self.fields(wrong.json)) == ["month", "category", "area.code", "ownerDepartment", "targetDate"])
        let target = String(format: "%04d-06-30", Calendar.current.component(.year, from: Date()) + 1)
        let body: [String: Any] = [
            "month": self.label(0), "category": "streetlight", "area": ["level": "community", "code": Self.community],
            "ownerDepartment": "CG", "targetDate": target, "note": "路灯反复报修，立项整治",
        ]
        let (created, topic) = try await self.stack.http("POST", intake + "/v1/topics", json: body, key: operatorKey)
        #expect(created == 201, "\(topic)")
        let id = try #require(topic["id"] as? String)
        #expect(topic["tickets"] as? Int == 6)
        #expect(topic["resolved"] as? Int == 2)
        #expect(topic["since"] as? Int == 0)
        #expect(topic["status"] as? String == "open")
        #expect(topic["overdue"] as? Bool == false)
        #expect(topic["targetDate"] as? String == target)
        #expect(topic["ownerDepartmentName"] as? String != nil)
        #expect((topic["title"] as? String)?.contains("水川社区") == true)
        let twice = try await self.stack.http("POST", intake + "/v1/topics", json: body, key: operatorKey)
        #expect(twice.status == 409)
        #expect((twice.json["error"] as? [String: Any])?["code"] as? String == "topic_exists")
        var empty = body
        empty["category"] = "heating"
        #expect(try await self.stack.http("POST", intake + "/v1/topics", json: empty, key: operatorKey).status == 409)
        let again = try await self.stack.http("GET", candidatesURL, key: operatorKey)
        #expect(((again.json["rows"] as? [[String: Any]])?.first)?["topicId"] as? String == id)

        // The topic with its tickets; tracked through its status; a screen key reads the list only.
        let detail = try await self.stack.http("GET", intake + "/v1/topics/\(id)", key: operatorKey)
        #expect((detail.json["ticketList"] as? [[String: Any]])?.count == 6)
        let moved = try await self.stack.http("PATCH", intake + "/v1/topics/\(id)", json: ["status": "in_progress", "note": "城管已排查线路"], key: operatorKey)
        #expect(moved.status == 200)
        #expect(moved.json["status"] as? String == "in_progress")
        #expect(moved.json["note"] as? String == "城管已排查线路")
        #expect(try await self.stack.http("PATCH", intake + "/v1/topics/\(id)", json: ["status": "finished"], key: operatorKey).status == 400)
        #expect(try await self.stack.http("PATCH", intake + "/v1/topics/\(UUID().uuidString)", json: ["note": "x"], key: operatorKey).status == 404)
        // A new call of the same problem after the promotion: counted in `since`, linked on request.
        try await self.stack.sql(
            """
            INSERT INTO tickets (id, number, status, channel, description, created_at, updated_at, category, grid, community, street)
            VALUES ($1::uuid, $2, 'received', 'phone', 'topic fixture', now(), now(), 'streetlight', $3, $4, $5)
            """,
            [UUID().uuidString, "T-\(UUID().uuidString)", Self.grid, Self.community, Self.street]
        )
        let linked = try await self.stack.http("PATCH", intake + "/v1/topics/\(id)", json: ["linkSince": true], key: operatorKey)
        #expect(linked.json["tickets"] as? Int == 7)
        #expect(linked.json["since"] as? Int == 1)
        // Leave it done, so the screen of other runs does not fill with test topics.
        let keys = try await AuthorizationMatrixTests.keys(self.stack, roles: ["screen", "department"])
        let listed = try await self.stack.http("GET", intake + "/v1/topics?status=open,in_progress", key: try #require(keys["screen"]))
        #expect(listed.status == 200)
        #expect((listed.json["topics"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        #expect(try await self.stack.http("GET", intake + "/v1/topics/\(id)", key: try #require(keys["screen"])).status == 403)
        #expect(try await self.stack.http("GET", intake + "/v1/topics", key: try #require(keys["department"])).status == 403)
        #expect(try await self.stack.http("GET", intake + "/v1/topics?status=later", key: operatorKey).status == 400)
        _ = try await self.stack.http("PATCH", intake + "/v1/topics/\(id)", json: ["status": "done"], key: operatorKey)
    }

    /// The monthly report draws every grid of the jurisdiction on its hot-grid map, the grid of
    /// this month's tickets in the hottest class, the rest empty.
    @Test func theMonthlyReportMapsTheHotGrids() async throws {
        try await self.tickets("water_main", 0, 5)
        try await self.tickets("water_main", 0, 1, grid: "62040200100102")
        let (status, _, html) = try await self.raw(self.stack["INTAKE_URL"] + "/v1/reports/monthly?month=\(self.label(0))")
        #expect(status == 200)
        #expect(!html.contains("<script"))
        let map = try #require(html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart grid-map\"").map { html[$0.lowerBound...] })
        let svg = String(map[..<(map.range(of: "</svg>")?.upperBound ?? map.endIndex)])
        let fills = svg.components(separatedBy: "<path ").dropFirst().compactMap { path in
            path.range(of: "fill=\"").map { String(path[$0.upperBound...].prefix(7)) }
        }
        let grids = try await self.stack.http("GET", self.stack["INTAKE_URL"] + "/v1/jurisdiction/grids", key: self.stack["OPERATOR_KEY"])
        #expect(fills.count == (grids.json["features"] as? [Any])?.count)
        #expect(fills.filter { $0 == "#b2182b" }.count == 1)
        #expect(fills.filter { $0 == "#fde0c5" }.count == 1)
        #expect(fills.filter { $0 == "#eef2f6" }.count == fills.count - 2)
        #expect(svg.contains("水川社区第1网格 5件"))
    }

    func raw(_ url: String) async throws -> (Int, String?, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue("Bearer \(self.stack["OPERATOR_KEY"])", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type"), String(decoding: data, as: UTF8.self))
    }

    static func fields(_ json: [String: Any]) -> [String] {
        ((json["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }
}
