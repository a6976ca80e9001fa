import Foundation
import HotlineCrypto
import Testing

/// The service menu and its volunteers (CONTRACTS section 16, docs/volunteers.md) on the running
/// stack, in a small jurisdiction of its own (one community, one grid, a volunteer category
/// `meal_help` worth 2 points, a respond time of 3 s): the whole loop over SMS with two takers
/// racing, the race repeated many times across two notifier instances and intake, an
/// unanswered offer alerting the secretary, redemption refused beyond the balance and the
/// monthly cap, and the observer told first on a missed check-in. It swaps the stack's
/// jurisdiction, so it runs with the suites that run alone.
@Suite(.serialized) struct VolunteerSerialTests {
    let stack: Stack
    let notifier: NotifierHarness
    static let community = "990101001"
    static let grid = "99010100101"
    static let otherCommunity = "990102001"
    static let races = 45
    let run = String(Int.random(in: 100_000...999_999))
    let worker = NotifierHarness.uniquePhone()
    let secretary = NotifierHarness.uniquePhone()
    let phones = (0..<3).map { _ in NotifierHarness.uniquePhone() }

    init() throws {
        self.stack = try Stack.load()
        self.notifier = try NotifierHarness.load()
    }

    var intake: String { self.stack["INTAKE_URL"] }
    func code(_ index: Int) -> String { "VT\(self.run)-\(index)" }

    @Test func serviceOrdersOverSMSWithRacingTakersPointsAndObservers() async throws {
        let demo = self.stack.root.appendingPathComponent("deploy/demo")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("volunteers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try self.writeJurisdiction(to: folder)
        let imported = try self.stack.command("dispatcher", ["import", folder.path])
        #expect(imported.status == 0, "\(imported.output)")
        do {
            try await Task.sleep(for: .seconds(2))  // both services reload on the import's NOTIFY
            try self.importVolunteers(folder)
            try await self.wholeLoop()
            try await self.racesAcrossServices()
            try await self.unansweredOfferAlertsTheSecretary()
            try await self.redemptionAndCap()
            try await self.observerToldFirst(folder)
        } catch {
            _ = try? self.stack.command("dispatcher", ["import", demo.path])
            throw error
        }
        let restored = try self.stack.command("dispatcher", ["import", demo.path])
        #expect(restored.status == 0, "\(restored.output)")
    }

    private func writeJurisdiction(to folder: URL) throws {
        let ring: [[Double]] = [[103.0, 35.0], [103.01, 35.0], [103.01, 35.01], [103.0, 35.01], [103.0, 35.0]]
        let grids: [String: Any] = [
            "type": "FeatureCollection",
            "features": [[
                "type": "Feature", "geometry": ["type": "Polygon", "coordinates": [ring]],
                "properties": [
                    "code": Self.grid, "name": "志愿测试一网格", "community": ["code": Self.community, "name": "志愿测试社区"],
                    "street": ["code": "990101", "name": "志愿测试街道"], "district": ["code": "9901", "name": "志愿测试区"],
                    "worker": ["name": "网格员甲", "phone": self.worker], "secretary": ["name": "书记乙", "phone": self.secretary],
                    "households": 300, "aliases": ["志愿测试小区"],
                ],
            ], [
                "type": "Feature", "geometry": ["type": "Polygon", "coordinates": [ring.map { [$0[0] + 0.01, $0[1]] }]],
                "properties": [
                    "code": "99010200101", "name": "志愿邻社区一网格", "community": ["code": Self.otherCommunity, "name": "志愿邻社区"],
                    "street": ["code": "990101", "name": "志愿测试街道"], "district": ["code": "9901", "name": "志愿测试区"],
                    "worker": ["name": "网格员丁", "phone": NotifierHarness.uniquePhone()],
                    "secretary": ["name": "书记戊", "phone": NotifierHarness.uniquePhone()], "households": 200, "aliases": ["志愿邻小区"],
                ],
            ]],
        ]
        let catalog: [String: Any] = [
            "departments": [["code": "MZ", "name": "民政局", "phone": "0935-1111111"]],
            "categories": [
                ["code": "meal_help", "name": "养老助餐", "keywords": ["助餐", "送餐"], "handler": "volunteer", "urgency": "general", "points": 2],
                ["code": "subsidy", "name": "低保救助", "keywords": ["低保"], "handler": "department", "department": "MZ", "urgency": "general"],
            ],
            "sla": [
                "emergency": ["respond": "PT30M", "resolve": "PT24H"], "urgent": ["respond": "PT2H", "resolve": "PT24H"],
                "general": ["respond": "PT3S", "resolve": "PT2H"],
            ],
        ]
        try JSONSerialization.data(withJSONObject: grids).write(to: folder.appendingPathComponent("grids.geojson"))
        try JSONSerialization.data(withJSONObject: catalog).write(to: folder.appendingPathComponent("catalog.json"))
    }

    private func importVolunteers(_ folder: URL) throws {
        let file = folder.appendingPathComponent("volunteers.json")
        let entries: [[String: Any]] = (0..<3).map { index in
            ["code": self.code(index), "name": ["王芳", "李强", "赵敏"][index], "phone": self.phones[index], "community": Self.community,
             "skills": index < 2 ? ["meal_help"] : []]
        }
        try JSONSerialization.data(withJSONObject: entries).write(to: file)
        let first = try self.stack.command("dispatcher", ["import-volunteers", file.path])
        #expect(first.status == 0 && first.output.contains("3 new"), "\(first.output)")
        let again = try self.stack.command("dispatcher", ["import-volunteers", file.path])
        #expect(again.status == 0 && again.output.contains("3 unchanged"), "idempotent: \(again.output)")
        // A bad entry names itself and its field, and nothing is written.
        let bad = folder.appendingPathComponent("bad.json")
        try JSONSerialization.data(withJSONObject: [["code": "VT-bad", "name": "错", "phone": "12", "community": Self.community, "skills": ["meals"]]])
            .write(to: bad)
        let refused = try self.stack.command("dispatcher", ["import-volunteers", bad.path])
        #expect(refused.status != 0)
        #expect(refused.output.contains("bad.json: volunteer 0 (code VT-bad): phone: not a phone number"), "\(refused.output)")
        #expect(refused.output.contains("volunteer 0 (code VT-bad): skills[0]"), "\(refused.output)")
    }

    /// An order, waited for until offered: (id, number, the resident's phone).
    private func order(_ words: String = "我母亲行动不便，需要养老助餐送餐上门") async throws -> (id: String, number: String, phone: String) {
        let phone = NotifierHarness.uniquePhone()
        let (status, created) = try await self.stack.createTicket([
            "channel": "phone", "caller": ["name": "测试居民", "phone": phone], "description": words, "category": "meal_help",
            "location": ["address": "志愿测试小区\(Int.random(in: 1...9_999_999))号", "grid": Self.grid],
        ])
        #expect(status == 201, "\(created)")
        let id = try #require(created["id"] as? String)
        let ticket = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        #expect(ticket["handler"] as? String == "volunteer", "\(ticket)")
        #expect(ticket["community"] as? String == Self.community)
        return (id, try #require(created["number"] as? String), phone)
    }

    private func sms(to phone: String, kind: String, number: String? = nil, seconds: Double = 15) async throws -> [[String: Any]] {
        try await self.stack.waitForSMS(seconds: seconds) {
            $0["to"] as? String == phone && $0["kind"] as? String == kind && (number == nil || $0["ticketNumber"] as? String == number)
        }
    }

    private func volunteer(_ code: String) async throws -> [String: Any] {
        let (status, json) = try await self.stack.http("GET", self.intake + "/v1/volunteers/\(code)", key: self.stack["OPERATOR_KEY"])
        #expect(status == 200, "\(json)")
        return json
    }

    private func wholeLoop() async throws {
        let order = try await self.order()
        // Offered to the two with the skill, naming the number; not to the third.
        for phone in self.phones.prefix(2) {
            let offer = try await self.sms(to: phone, kind: "volunteer_offer", number: order.number)
            #expect((offer.first?["text"] as? String)?.contains(order.number) == true, "\(offer)")
        }
        #expect(try await self.stack.historyTypes(order.id).contains("ticket.offered"))

        // Two takers in the same instant: exactly one wins, the other is told.
        async let a = self.notifier.inbound(from: self.phones[0], text: "接单 \(order.number)")
        async let b = self.notifier.inbound(from: self.phones[1], text: "\(order.number) 接单")
        let outcomes = [try await a, try await b].map { $0.json["outcome"] as? String ?? "" }
        #expect(outcomes.filter { $0.contains("take") }.count == 1 && outcomes.filter { $0.contains("late") }.count == 1, "\(outcomes)")
        let taken = try await self.stack.ticket(order.id)
        #expect(taken["status"] as? String == "accepted")
        let winner = try #require(taken["volunteer"] as? String)
        #expect([self.code(0), self.code(1)].contains(winner))
        let (winnerPhone, loserPhone) = winner == self.code(0) ? (self.phones[0], self.phones[1]) : (self.phones[1], self.phones[0])
        let late = try await self.sms(to: loserPhone, kind: "command_ack", number: nil)
        #expect(late.contains { ($0["text"] as? String)?.contains("\(order.number)已由其他志愿者接单") == true }, "\(late)")
        let won = try await self.sms(to: winnerPhone, kind: "command_ack", number: order.number)
        #expect((won.first?["text"] as? String)?.contains("已由您接单") == true, "\(won)")

        // The taker resolves; the resident rates; the taker earns the category's points.
        let resolved = try await self.notifier.inbound(from: winnerPhone, text: "\(order.number) 办结 已送餐到家，老人吃上热饭")
        #expect((resolved.json["outcome"] as? String)?.contains("resolve") == true, "\(resolved.json)")
        #expect(try await self.stack.ticket(order.id)["status"] as? String == "resolved")
        let ask = try await self.sms(to: order.phone, kind: "rating_request", number: order.number)
        #expect(!ask.isEmpty)
        let rated = try await self.notifier.inbound(from: order.phone, text: "1")
        #expect(rated.json["outcome"] as? String == "rated 1", "\(rated.json)")
        let closed = try await self.stack.ticket(order.id)
        #expect(closed["status"] as? String == "closed")
        let history = closed["history"] as? [[String: Any]] ?? []
        #expect(history.filter { $0["type"] as? String == "ticket.accepted" }.count == 1)
        let card = try await self.volunteer(winner)
        #expect(card["points"] as? Int == 2, "\(card)")
        #expect((card["tickets"] as? [[String: Any]])?.first?["number"] as? String == order.number)
        let ledger = try #require(card["ledger"] as? [[String: Any]])
        #expect(ledger.first?["reason"] as? String == "service" && ledger.first?["byName"] as? String != nil)
        let (status, ranking) = try await self.stack.http(
            "GET", self.intake + "/v1/volunteers?community=\(Self.community)", key: self.stack["OPERATOR_KEY"]
        )
        #expect(status == 200)
        let rows = try #require(ranking["volunteers"] as? [[String: Any]])
        // Earlier runs' volunteers of this test community stay: the ranking is by points, ties share a rank.
        let points = rows.compactMap { $0["points"] as? Int }
        #expect(points == points.sorted(by: >), "\(rows)")
        let mine = try #require(rows.first { $0["code"] as? String == winner })
        #expect(mine["points"] as? Int == 2 && mine["rank"] as? Int == 1 + points.filter { $0 > 2 }.count, "\(rows)")
        #expect(rows.first { $0["code"] as? String == self.code(2) }?["points"] as? Int == 0)
        #expect(rows.allSatisfy { $0["phone"] == nil }, "the ranking shows no phone")
    }

    /// The race, `races` times: each order gets two takes in the same instant, in turn by SMS
    /// (notifier) against HTTP (intake, a volunteer key), by SMS to this notifier against SMS to
    /// a second notifier instance, and both by SMS to one notifier. Exactly one take wins each
    /// time, and the history holds exactly one acceptance.
    private func racesAcrossServices() async throws {
        let key = try await self.key("volunteer", ["volunteer": self.code(1)])
        let running = NotifierHarness.environment(ofProcess: try self.stack.pid("notifier"))
        let port = (Int(self.stack["NOTIFIER_URL"].split(separator: ":").last ?? "") ?? 8082) + 37
        let second = try await ExtraInstance.start(self.stack, "notifier", port: port, environment: running.filter { $0.key != "NOTIFIER_HTTP_PORT" })
        defer { second.stop() }
        var wins = [0, 0]
        for round in 0..<Self.races {
            let order = try await self.order("第\(round)轮：老人需要助餐")
            let mode = round % 3
            async let a = self.notifier.inbound(from: self.phones[0], text: "接单 \(order.number)")
            async let b: (status: Int, json: [String: Any]) =
                mode == 0
                ? try await self.stack.http("POST", self.intake + "/v1/tasks/\(order.id)/accept", json: [:], key: key)
                : mode == 1
                    ? try await self.inbound(at: "http://127.0.0.1:\(port)", from: self.phones[1], text: "\(order.number) 接单")
                    : try await self.notifier.inbound(from: self.phones[1], text: "\(order.number) 接单")
            let (smsTake, otherTake) = (try await a, try await b)
            let ticket = try await self.stack.ticket(order.id)
            let taker = ticket["volunteer"] as? String
            #expect(ticket["status"] as? String == "accepted", "round \(round): \(ticket["status"] ?? "")")
            let accepted = (ticket["history"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "ticket.accepted" }
            #expect(accepted.count == 1, "round \(round): \(accepted.count) acceptances")
            let aWon = (smsTake.json["outcome"] as? String)?.contains(" take ") == true
            let bWon = mode == 0 ? otherTake.status == 200 : (otherTake.json["outcome"] as? String)?.contains(" take ") == true
            #expect(aWon != bWon, "round \(round): exactly one winner (\(smsTake.json), \(otherTake.status) \(otherTake.json))")
            if mode == 0, !bWon { #expect(otherTake.status == 409 && (otherTake.json["error"] as? [String: Any])?["code"] as? String == "already_taken") }
            if mode != 0, !bWon { #expect((otherTake.json["outcome"] as? String)?.contains(" late ") == true, "\(otherTake.json)") }
            #expect(taker == (aWon ? self.code(0) : self.code(1)), "round \(round): the winner is the ticket's volunteer")
            wins[aWon ? 0 : 1] += 1
            try await self.stack.sql("UPDATE tickets SET status = 'cancelled' WHERE id = $1::uuid", [order.id])
        }
        // Which one wins is up to the instant; both winning sometimes shows the race was real.
        print("volunteer race: \(Self.races) rounds, wins \(wins[0]) / \(wins[1])")
        #expect(wins[0] + wins[1] == Self.races)
    }

    /// A signed inbound SMS to the notifier at `base` (a second instance).
    private func inbound(at base: String, from phone: String, text: String) async throws -> (status: Int, json: [String: Any]) {
        let body = try JSONSerialization.data(withJSONObject: [
            "messageId": UUID().uuidString, "from": phone, "text": text, "receivedAt": ISO8601DateFormatter().string(from: Date()),
        ])
        let timestamp = Int(Date().timeIntervalSince1970)
        let header = HMACSHA256.signatureHeader(secret: self.notifier.secret, timestamp: timestamp, body: Array(body))
        return try await self.stack.http(
            "POST", base + "/v1/sms/inbound",
            headers: ["Content-Type": "application/json", "X-Hotline-Timestamp": String(timestamp), "X-Hotline-Signature": header], body: body
        )
    }

    private func key(_ role: String, _ scope: [String: Any]) async throws -> String {
        let (status, json) = try await self.stack.http(
            "POST", self.intake + "/v1/keys", json: ["role": role, "name": "志愿测试-\(role)"].merging(scope) { $1 }, key: self.stack["ADMIN_KEY"]
        )
        #expect(status == 201, "\(json)")
        return try #require(json["key"] as? String)
    }

    private func unansweredOfferAlertsTheSecretary() async throws {
        let order = try await self.order("独居老人午饭没人做，需要助餐")
        let alert = try await self.sms(to: self.secretary, kind: "secretary_alert", number: order.number, seconds: 20)
        #expect((alert.first?["text"] as? String)?.contains("无人接单") == true, "\(alert)")
        #expect(try await self.stack.ticket(order.id)["status"] as? String == "assigned", "nobody took it")
        // The secretary gives it to a volunteer by hand; only of its community.
        let secretaryKey = try await self.key("secretary", ["community": Self.community])
        let otherKey = try await self.key("secretary", ["community": Self.otherCommunity])
        let url = self.intake + "/v1/tickets/\(order.id)/volunteer"
        #expect(try await self.stack.http("POST", url, json: ["volunteer": self.code(2)], key: otherKey).status == 404)
        let given = try await self.stack.http("POST", url, json: ["volunteer": self.code(2)], key: secretaryKey)
        #expect(given.status == 200 && given.json["volunteer"] as? String == self.code(2), "\(given.json)")
        #expect(given.json["status"] as? String == "accepted")
        #expect(!(try await self.sms(to: self.phones[2], kind: "volunteer_assigned", number: order.number)).isEmpty)
        let again = try await self.stack.http("POST", url, json: ["volunteer": self.code(0)], key: secretaryKey)
        #expect(again.status == 409, "\(again.json)")
        try await self.stack.sql("UPDATE tickets SET status = 'cancelled' WHERE id = $1::uuid", [order.id])
    }

    private func redemptionAndCap() async throws {
        let secretaryKey = try await self.key("secretary", ["community": Self.community])
        let code = self.code(2)
        let points = self.intake + "/v1/volunteers/\(code)/points"
        let redeem = self.intake + "/v1/volunteers/\(code)/redemptions"
        let award = try await self.stack.http("POST", points, json: ["deed": "巡逻", "points": 3, "note": "夜间治安巡逻两小时"], key: secretaryKey)
        #expect(award.status == 201 && award.json["balance"] as? Int == 3, "\(award.json)")
        #expect(try await self.stack.http("POST", points, json: ["deed": "巡逻", "points": 3], key: secretaryKey).status == 400, "a deed needs its note")
        let refused = try await self.stack.http("POST", redeem, json: ["points": 5, "item": "洗衣液一瓶"], key: secretaryKey)
        #expect(refused.status == 409 && (refused.json["error"] as? [String: Any])?["code"] as? String == "insufficient_points", "\(refused.json)")
        #expect(try await self.volunteer(code)["points"] as? Int == 3, "a refused redemption writes nothing")
        let spent = try await self.stack.http("POST", redeem, json: ["points": 3, "item": "洗衣液一瓶"], key: secretaryKey)
        #expect(spent.status == 201 && spent.json["balance"] as? Int == 0 && spent.json["delta"] as? Int == -3, "\(spent.json)")
        #expect(try await self.stack.http("POST", redeem, json: ["points": 1, "item": "毛巾"], key: secretaryKey).status == 409)
        // The monthly cap of good deeds (20): 3 + 10 + 7 fit, one more does not.
        #expect(try await self.stack.http("POST", points, json: ["deed": "mediation", "points": 10, "note": "调解邻里纠纷"], key: secretaryKey).status == 201)
        #expect(try await self.stack.http("POST", points, json: ["deed": "help", "points": 7, "note": "帮扶独居老人"], key: secretaryKey).status == 201)
        let capped = try await self.stack.http("POST", points, json: ["deed": "help", "points": 1, "note": "再帮一次"], key: secretaryKey)
        #expect(capped.status == 409 && (capped.json["error"] as? [String: Any])?["code"] as? String == "monthly_cap", "\(capped.json)")
        let card = try await self.volunteer(code)
        #expect(card["points"] as? Int == 17)
        let ledger = try #require(card["ledger"] as? [[String: Any]])
        #expect(ledger.count == 4 && ledger.allSatisfy { $0["byName"] as? String == "志愿测试-secretary" && $0["reason"] != nil }, "\(ledger)")
        // The ledger is append-only: the database refuses to rewrite it.
        await #expect(throws: (any Error).self) { try await self.stack.sql("UPDATE volunteer_points SET delta = 100 WHERE volunteer = $1", [code]) }
        await #expect(throws: (any Error).self) { try await self.stack.sql("UPDATE volunteers SET points = -1 WHERE code = $1", [code]) }
    }

    private func observerToldFirst(_ folder: URL) async throws {
        let household = "HV\(self.run)"
        let member = NotifierHarness.uniquePhone()
        let file = folder.appendingPathComponent("households.json")
        try JSONSerialization.data(withJSONObject: [[
            "code": household, "address": "志愿测试小区1号楼\(self.run)", "grid": Self.grid, "checkin": true, "kind": "residential",
            "members": [["name": "孤老丙", "phone": member, "birthYear": 1940, "flags": ["alone"]]],
        ]]).write(to: file)
        let imported = try self.stack.command("dispatcher", ["import-households", file.path])
        #expect(imported.status == 0, "\(imported.output)")
        let secretaryKey = try await self.key("secretary", ["community": Self.community])
        let named = try await self.stack.http("PATCH", self.intake + "/v1/volunteers/\(self.code(1))", json: ["observes": [household]], key: secretaryKey)
        #expect(named.status == 200 && (named.json["observes"] as? [String]) == [household], "\(named.json)")
        // Today's check-in went out and its deadline passed unanswered.
        try await self.stack.sql(
            """
            INSERT INTO household_checkins (household, day, sent_to, notification_id, planned_at, due_at)
            VALUES ($1, (now() AT TIME ZONE 'Asia/Shanghai')::date, $2, $3::uuid, now() - interval '3 hours', now() - interval '1 minute')
            ON CONFLICT (household, day) DO UPDATE SET due_at = EXCLUDED.due_at, answered_at = NULL, missed_at = NULL
            """,
            [household, member, UUID().uuidString]
        )
        let told = try await self.sms(to: self.phones[1], kind: "observer_alert", seconds: 20)
        #expect((told.first?["text"] as? String)?.contains("孤老丙") == true, "\(told)")
        let task = try await self.stack.waitForSMS(seconds: 20) {
            $0["to"] as? String == self.worker && $0["kind"] as? String == "grid_task"
        }
        let number = try #require(task.last?["ticketNumber"] as? String)
        let sink = self.stack.smsSink()
        let observerAt = sink.firstIndex { $0["to"] as? String == self.phones[1] && $0["kind"] as? String == "observer_alert" }
        let workerAt = sink.firstIndex { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "grid_task" }
        #expect(observerAt != nil && workerAt != nil && observerAt! < workerAt!, "the observer before the grid worker's ticket")
    }
}
