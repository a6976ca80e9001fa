import Foundation
import Testing

/// Ratings with a reason (CONTRACTS section 11): by the API and by SMS `3 <原因>`, shown as
/// `rating {score, reason, source}` (and the bare `ratingScore`), categorised, and kept on the
/// reopened ticket.
@Suite struct RatingReasonTests {
    @Test func anOperatorRecordsADissatisfiedRatingWithItsReason() async throws {
        let harness = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let (id, _) = try await harness.assignedTicket(phone: phone)
        #expect(try await harness.resolve(id, department: try harness.departmentKey("CG")) == 200)
        let url = harness.stack["INTAKE_URL"] + "/v1/tickets/\(id)/rating"
        #expect(try await harness.stack.http("POST", url, json: ["score": 3, "reason": 42], key: harness.stack["OPERATOR_KEY"]).status == 400)
        let rated = try await harness.stack.http("POST", url, json: ["score": 3, "reason": "路灯还是不亮"], key: harness.stack["OPERATOR_KEY"])
        #expect(rated.status == 200)
        #expect(rated.json["status"] as? String == "assigned", "dissatisfied reopens")
        let rating = rated.json["rating"] as? [String: Any]
        #expect(rating?["score"] as? Int == 3)
        #expect(rating?["reason"] as? String == "路灯还是不亮")
        #expect(rating?["source"] as? String == "operator")
        #expect(rating?["category"] as? String == "unresolved")
        #expect(rated.json["ratingScore"] as? Int == 3)
        let history = try await harness.stack.ticket(id)["history"] as? [[String: Any]] ?? []
        let event = (history.last { $0["type"] as? String == "ticket.rated" })?["data"] as? [String: Any]
        #expect(event?["reason"] as? String == "路灯还是不亮")
    }

    @Test func aResidentRepliesThreeWithAReason() async throws {
        let harness = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let (id, _) = try await harness.assignedTicket(phone: phone)
        #expect(try await harness.resolve(id, department: try harness.departmentKey("CG")) == 200)
        _ = try await harness.stack.waitForTicket(id) { $0["status"] as? String == "resolved" }
        let reply = try await harness.inbound(from: phone, text: "3 等了一个星期也没人来修")
        #expect(reply.status == 200)
        let ticket = try await harness.stack.waitForTicket(id) { ($0["rating"] as? [String: Any])?["score"] as? Int == 3 }
        let rating = ticket["rating"] as? [String: Any]
        #expect(rating?["reason"] as? String == "等了一个星期也没人来修")
        #expect(rating?["source"] as? String == "sms")
        #expect(rating?["category"] as? String == "slow")
    }
}
