import Foundation
import HotlineDomain
import Testing

/// Extensions (延期) and pauses (挂起) on the real servers (CONTRACTS section 11): the handling
/// department asks, the centre decides, the deadline, the history and the resident's SMS follow.
@Suite struct SupervisionTests {
    /// A demo street-light ticket routed to CG, and CG's key.
    func routedTicket(_ stack: Stack) async throws -> (id: String, ticket: [String: Any], phone: String, cg: String) {
        let body = demoTicket()
        let (status, created) = try await stack.createTicket(body)
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let routed = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        try #require(routed["status"] as? String == "assigned")
        let phone = try #require((body["caller"] as? [String: Any])?["phone"] as? String)
        return (id, routed, phone, try await stack.departmentKey("CG"))
    }

    func resolveBy(_ ticket: [String: Any]) -> Date? {
        ((ticket["deadlines"] as? [String: Any])?["resolveBy"] as? String).flatMap(HotlineJSON.parseDate)
    }

    @Test func approvedExtensionMovesTheDeadlineAndTellsTheResident() async throws {
        let stack = try Stack.load()
        let (id, routed, phone, cg) = try await self.routedTicket(stack)
        let before = try #require(self.resolveBy(routed))
        let until = before.addingTimeInterval(3 * 86400)
        let url = stack["INTAKE_URL"] + "/v1/tickets/\(id)/extension"

        // Bad input names every field and changes nothing.
        let bad = try await stack.http("POST", url, json: ["until": "next week"], key: cg)
        #expect(bad.status == 400)
        let badFields = ((bad.json["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(Set(badFields) == ["until", "reason"])
        // Not the handling party: another department's key.
        let other = try await stack.departmentKey("GD")
        #expect(try await stack.http("POST", url, json: ["until": HotlineJSON.format(until), "reason": "x"], key: other).status == 403)
        // An "extension" to before the current deadline is none.
        let shorter = try await stack.http("POST", url, json: ["until": HotlineJSON.format(before.addingTimeInterval(-60)), "reason": "需协调"], key: cg)
        #expect(shorter.status == 400)

        let asked = try await stack.http("POST", url, json: ["until": HotlineJSON.format(until), "reason": "需协调供电公司停电检修"], key: cg)
        #expect(asked.status == 200)
        let pending = asked.json["extension"] as? [String: Any]
        #expect(pending?["status"] as? String == "pending")
        #expect(pending?["reason"] as? String == "需协调供电公司停电检修")
        #expect(self.resolveBy(asked.json) == before, "a request alone moves nothing")
        #expect(try await stack.http("POST", url, json: ["until": HotlineJSON.format(until), "reason": "again"], key: cg).status == 409)
        // Only the centre decides.
        #expect(try await stack.http("POST", url + "/approve", json: ["note": "ok"], key: cg).status == 403)

        let approved = try await stack.http("POST", url + "/approve", json: ["note": "同意"], key: stack["OPERATOR_KEY"])
        #expect(approved.status == 200)
        #expect((approved.json["extension"] as? [String: Any])?["status"] as? String == "approved")
        let after = try #require(self.resolveBy(approved.json))
        #expect(abs(after.timeIntervalSince(until)) < 0.01)
        let history = try await stack.historyTypes(id)
        #expect(history.contains("ticket.extension_requested"))
        #expect(history.contains("ticket.extension_approved"))

        let words = DeadlineText(timeZone: TimeZone(identifier: "Asia/Shanghai")!).format(until)
        let sms = try await stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "deadline_extended" }
        #expect(sms.count == 1)
        #expect((sms.first?["text"] as? String)?.contains(words) == true, "\(sms.first?["text"] ?? "") names \(words)")
    }

    @Test func rejectedExtensionKeepsTheDeadlineAndSaysSoInTheHistory() async throws {
        let stack = try Stack.load()
        let (id, routed, _, cg) = try await self.routedTicket(stack)
        let before = try #require(self.resolveBy(routed))
        let url = stack["INTAKE_URL"] + "/v1/tickets/\(id)/extension"
        let asked = try await stack.http("POST", url, json: ["until": HotlineJSON.format(before.addingTimeInterval(86400)), "reason": "材料未齐"], key: cg)
        #expect(asked.status == 200)
        let rejected = try await stack.http("POST", url + "/reject", json: ["note": "时限内可办结"], key: stack["OPERATOR_KEY"])
        #expect(rejected.status == 200)
        let extension_ = rejected.json["extension"] as? [String: Any]
        #expect(extension_?["status"] as? String == "rejected")
        #expect(extension_?["note"] as? String == "时限内可办结")
        #expect(self.resolveBy(rejected.json) == before)
        #expect(try await stack.historyTypes(id).contains("ticket.extension_rejected"))
        // Nothing left to decide.
        #expect(try await stack.http("POST", url + "/approve", json: [:], key: stack["OPERATOR_KEY"]).status == 409)
    }

    @Test func approvedPauseStopsTheClockAndResumeMovesTheDeadline() async throws {
        let stack = try Stack.load()
        let (id, routed, phone, cg) = try await self.routedTicket(stack)
        let before = try #require(self.resolveBy(routed))
        let base = stack["INTAKE_URL"] + "/v1/tickets/\(id)"
        let asked = try await stack.http("POST", base + "/pause", json: ["reason": "等待居民提供房屋产权材料"], key: cg)
        #expect(asked.status == 200)
        #expect((asked.json["pause"] as? [String: Any])?["status"] as? String == "pending")
        #expect(asked.json["pausedAt"] is NSNull, "the clock runs until the centre approves")
        let approved = try await stack.http("POST", base + "/pause/approve", json: ["note": "同意挂起"], key: stack["OPERATOR_KEY"])
        #expect(approved.status == 200)
        #expect(approved.json["pausedAt"] is String)

        // While paused the SLA watch (every second) neither marks it overdue nor escalates it.
        try await stack.sql(
            "UPDATE tickets SET resolve_by = now() - interval '1 hour', paused_at = paused_at - interval '2 hours' WHERE id = $1::uuid", [id]
        )
        try await Task.sleep(for: .seconds(3))
        let marks = try await stack.sql("SELECT overdue_resolve_at IS NULL AS clean, level FROM tickets WHERE id = $1::uuid", [id])
        #expect(try marks[0].decode("clean", as: Bool.self))
        #expect(try marks[0].decode("level", as: String.self) == "community")

        // Resume: the deadline moves by the two hours paused, so it lies an hour ahead.
        let resumed = try await stack.http("POST", base + "/resume", json: [:], key: cg)
        #expect(resumed.status == 200)
        #expect(resumed.json["pausedAt"] is NSNull)
        #expect((resumed.json["pause"] as? [String: Any])?["status"] as? String == "resumed")
        let after = try #require(self.resolveBy(resumed.json))
        #expect(after.timeIntervalSinceNow > 3300 && after.timeIntervalSinceNow < 3700, "resolveBy \(after) vs before \(before)")
        #expect(try await stack.historyTypes(id).suffix(4).contains("ticket.resumed"))
        let sms = try await stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "deadline_extended" }
        #expect(sms.count == 1)
    }

    @Test func aPauseNeedsTheCentresApproval() async throws {
        let stack = try Stack.load()
        let (id, _, _, cg) = try await self.routedTicket(stack)
        let base = stack["INTAKE_URL"] + "/v1/tickets/\(id)"
        #expect(try await stack.http("POST", base + "/pause", json: ["reason": ""], key: cg).status == 400)
        #expect(try await stack.http("POST", base + "/pause", json: ["reason": "等第三方鉴定"], key: cg).status == 200)
        #expect(try await stack.http("POST", base + "/pause/approve", json: [:], key: cg).status == 403)
        #expect(try await stack.http("POST", base + "/resume", json: [:], key: cg).status == 409, "not paused yet")
        let rejected = try await stack.http("POST", base + "/pause/reject", json: ["note": "不符合挂起条件"], key: stack["OPERATOR_KEY"])
        #expect(rejected.status == 200)
        #expect(rejected.json["pausedAt"] is NSNull)
        #expect(try await stack.historyTypes(id).contains("ticket.pause_rejected"))
    }
}
