import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// `/v1/tasks` on the in-memory repositories: each party sees and answers only its own tasks.
@Suite struct TasksControllerTests {
    let fixture = IntakeRouterFixture()

    @Test func onlyHandlingPartiesHaveTasks() async throws {
        let (operator_, admin) = (try await self.fixture.key(.operator_), try await self.fixture.key(.admin))
        let unscoped = try await self.fixture.key(.department)
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/tasks")
            try await client.expect(.forbidden, .get, "/v1/tasks", key: operator_)
            try await client.expect(.forbidden, .get, "/v1/tasks", key: admin)
            try await client.expect(.forbidden, .get, "/v1/tasks", key: unscoped)
        }
    }

    @Test func aDepartmentSeesAndAnswersItsOwnTasks() async throws {
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        let (cg, sw) = (try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.department, department: "SW"))
        try await self.fixture.test { client in
            let mine = try await client.call(.get, "/v1/tasks", key: cg)
            #expect(mine.status == .ok)
            #expect(((mine.json["tasks"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == [ticket.id])
            #expect(((try await client.call(.get, "/v1/tasks", key: sw).json["tasks"] as? [Any]) ?? [1]).isEmpty)
            // Another department's ticket: 403 (not assigned); an unknown one: 404.
            try await client.expect(.forbidden, .post, "/v1/tasks/\(ticket.id)/accept", key: sw)
            try await client.expect(.notFound, .post, "/v1/tasks/\(UUID().uuidString)/accept", key: cg)
            let note = try await client.call(.post, "/v1/tasks/\(ticket.id)/progress", key: cg, json: ["note": 7])
            #expect(note.status == .badRequest)
            #expect(errorFields(note.json) == ["note"])
            let accepted = try await client.call(.post, "/v1/tasks/\(ticket.id)/accept", key: cg)
            #expect(accepted.status == .ok)
            #expect(accepted.json["status"] as? String == "accepted")
            let again = try await client.call(.post, "/v1/tasks/\(ticket.id)/accept", key: cg)
            #expect(again.status == .conflict)
            #expect(errorCode(again.json) == "illegal_transition")
        }
    }

    @Test func aGridWorkerSeesItsGridAndASecretaryReassignsInItsCommunity() async throws {
        let ticket = try await self.fixture.assignedTicket(department: nil)
        let (mine, other) = (try await self.fixture.key(.grid, grid: "620402001"), try await self.fixture.key(.grid, grid: "620402003"))
        let (secretary, stranger) = (
            try await self.fixture.key(.secretary, community: "620402101"), try await self.fixture.key(.secretary, community: "620402102")
        )
        try await self.fixture.test { client in
            #expect(((try await client.call(.get, "/v1/tasks", key: mine).json["tasks"] as? [Any]) ?? []).count == 1)
            #expect(((try await client.call(.get, "/v1/tasks", key: other).json["tasks"] as? [Any]) ?? [1]).isEmpty)
            // Another grid's ticket is as if it did not exist.
            try await client.expect(.notFound, .post, "/v1/tasks/\(ticket.id)/progress", key: other)
            try await client.expect(.forbidden, .post, "/v1/tasks/\(ticket.id)/reassign", key: mine, json: ["grid": "620402002"])
            let missing = try await client.call(.post, "/v1/tasks/\(ticket.id)/reassign", key: secretary, json: ["note": "换人"])
            #expect(missing.status == .badRequest)
            #expect(errorFields(missing.json) == ["grid"])
            try await client.expect(.notFound, .post, "/v1/tasks/\(ticket.id)/reassign", key: stranger, json: ["grid": "620402003"])
            let moved = try await client.call(.post, "/v1/tasks/\(ticket.id)/reassign", key: secretary, json: ["grid": "620402002"])
            #expect(moved.status == .ok)
        }
    }
}
