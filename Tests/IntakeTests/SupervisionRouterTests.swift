import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// Extensions, pauses, refused returns and verified ratings on ``InMemorySupervision``: who may
/// ask and who decides, each missing field named, unknown tickets 404, refusals 409.
@Suite struct SupervisionRouterTests {
    let fixture = IntakeRouterFixture()

    @Test func onlyTheHandlingPartyAsksAndOnlyTheCentreDecides() async throws {
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        let (cg, sw, screen) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.department, department: "SW"),
            try await self.fixture.key(.screen)
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .post, "/v1/tickets/\(ticket.id)/extension", json: [:])
            try await client.expect(.forbidden, .post, "/v1/tickets/\(ticket.id)/extension", key: screen, json: ["reason": "x", "until": "2099-01-01"])
            // Another department's key is not the handling party.
            let stranger = try await client.call(.post, "/v1/tickets/\(ticket.id)/pause", key: sw, json: ["reason": "等居民在家"])
            #expect(stranger.status == .forbidden)
            try await client.expect(.forbidden, .post, "/v1/tickets/\(ticket.id)/extension/approve", key: cg)
            try await client.expect(.forbidden, .post, "/v1/tickets/\(ticket.id)/return/reject", key: cg, json: ["reason": "x"])
        }
    }

    @Test func badRequestsNameTheirFieldsAndUnknownTicketsAre404() async throws {
        let (operator_, cg) = (try await self.fixture.key(.operator_), try await self.fixture.key(.department, department: "CG"))
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        try await self.fixture.test { client in
            let empty = try await client.call(.post, "/v1/tickets/\(ticket.id)/extension", key: cg, json: ["until": "next week"])
            #expect(empty.status == .badRequest)
            #expect(errorFields(empty.json) == ["reason", "until"])
            let past = try await client.call(.post, "/v1/tickets/\(ticket.id)/extension", key: cg, json: ["reason": "材料未到", "until": "2020-01-01"])
            #expect(past.status == .badRequest)
            #expect(errorFields(past.json) == ["until"])
            let pause = try await client.call(.post, "/v1/tickets/\(ticket.id)/pause", key: cg, json: ["reason": "  "])
            #expect(errorFields(pause.json) == ["reason"])
            let verify = try await client.call(.post, "/v1/tickets/\(ticket.id)/rating/verify", key: operator_, json: ["score": 4])
            #expect(errorFields(verify.json) == ["score"])
            let unknown = UUID().uuidString.lowercased()
            try await client.expect(.notFound, .post, "/v1/tickets/\(unknown)/extension", key: cg, json: ["reason": "x", "until": "2099-01-01"])
            try await client.expect(.notFound, .post, "/v1/tickets/\(unknown)/pause/approve", key: operator_)
            try await client.expect(.notFound, .post, "/v1/tickets/\(unknown)/rating/verify", key: operator_, json: ["score": 1])
        }
    }

    @Test func anExtensionIsAskedOnceThenDecidedAndAPauseRunsToItsResume() async throws {
        let (operator_, cg) = (try await self.fixture.key(.operator_), try await self.fixture.key(.department, department: "CG"))
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        try await self.fixture.test { client in
            let asked = try await client.call(.post, "/v1/tickets/\(ticket.id)/extension", key: cg, json: ["reason": "需采购配件", "until": "2099-01-01"])
            #expect(asked.status == .ok)
            #expect((asked.json["extension"] as? [String: Any])?["status"] as? String == "pending")
            let twice = try await client.call(.post, "/v1/tickets/\(ticket.id)/extension", key: cg, json: ["reason": "再延", "until": "2099-02-01"])
            #expect(twice.status == .conflict)
            #expect(errorCode(twice.json) == "extension_pending")
            let approved = try await client.call(.post, "/v1/tickets/\(ticket.id)/extension/approve", key: operator_)
            #expect((approved.json["extension"] as? [String: Any])?["status"] as? String == "approved")
            try await client.expect(.conflict, .post, "/v1/tickets/\(ticket.id)/extension/reject", key: operator_)

            try await client.expect(.conflict, .post, "/v1/tickets/\(ticket.id)/resume", key: cg)
            try await client.expect(.ok, .post, "/v1/tickets/\(ticket.id)/pause", key: cg, json: ["reason": "等居民在家"])
            let paused = try await client.call(.post, "/v1/tickets/\(ticket.id)/pause/approve", key: operator_, json: ["note": "同意"])
            #expect(paused.json["pausedAt"] is String)
            let resumed = try await client.call(.post, "/v1/tickets/\(ticket.id)/resume", key: cg)
            #expect(resumed.status == .ok)
            #expect((resumed.json["pause"] as? [String: Any])?["status"] as? String == "resumed")
        }
    }

    @Test func aReturnIsRefusedOnlyUnderReviewAndARatingIsVerifiedOnlyOnceGiven() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        try await self.fixture.test { client in
            let notReturned = try await client.call(.post, "/v1/tickets/\(ticket.id)/return/reject", key: operator_, json: ["reason": "属于贵部门"])
            #expect(notReturned.status == .conflict)
            let unrated = try await client.call(.post, "/v1/tickets/\(ticket.id)/rating/verify", key: operator_, json: ["score": 1])
            #expect(errorCode(unrated.json) == "not_rated")
        }
        var rated = ticket
        rated.rating = 3
        self.fixture.cases.put(rated)
        try await self.fixture.test { client in
            let verified = try await client.call(.post, "/v1/tickets/\(ticket.id)/rating/verify", key: operator_, json: ["score": 2, "note": "回访满意"])
            #expect(verified.status == .ok)
            #expect((verified.json["verifiedRating"] as? [String: Any])?["score"] as? Int == 2)
        }
    }
}
