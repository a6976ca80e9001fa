import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// The big screen (`/v1/screen`) and the console's counts and messages on the in-memory twins:
/// roles, refused parameters, unknown tickets, and what the routes add to what is read (names,
/// no free text on the wall, masked phones, counts under the list's filters).
@Suite struct ScreenAndConsoleRouterTests {
    let fixture = IntakeRouterFixture()

    @Test func theScreenShowsNoFreeTextAndNamesWhatItCounts() async throws {
        let (screen, department) = (try await self.fixture.key(.screen), try await self.fixture.key(.department, department: "CG"))
        var figures = ScreenFigures()
        figures.topStreets = [.init(code: "620402", count: 4)]
        figures.alerts = [.init(kind: "major", grid: "620402001", ticketNumber: "12345-20261128-000001", major: "accident", count: 1)]
        figures.latest = [
            EventEnvelope(
                type: .ticketReturned, occurredAt: Date(), ticketId: UUID().uuidString.lowercased(), ticketNumber: "12345-20261128-000001",
                data: .object(["ticket": .object(["grid": .string("620402001")]), "reason": .string("张三说不归我们管")])
            )
        ]
        figures.volunteers = .init(ordersToday: 2, takenWithinHour: 1, rated: 2, satisfied: 1)
        self.fixture.screen.set(figures)
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/screen")
            try await client.expect(.forbidden, .get, "/v1/screen", key: department)
            let answer = try await client.call(.get, "/v1/screen", key: screen)
            #expect(answer.status == .ok)
            #expect(answer.headers[.cacheControl] == "no-store")
            let streets = answer.json["topStreets"] as? [[String: Any]] ?? []
            #expect(streets.first?["name"] as? String != nil)
            let latest = answer.json["latest"] as? [[String: Any]] ?? []
            #expect(latest.count == 1)
            #expect(latest.first?["detail"] == nil)
            let body = try JSONSerialization.data(withJSONObject: answer.json)
            #expect(!String(decoding: body, as: UTF8.self).contains("张三"))
            #expect((answer.json["volunteers"] as? [String: Any])?["satisfactionRate"] as? Double == 0.5)
            #expect((answer.json["categories"] as? [Any])?.isEmpty == false)
        }
        let asked = try #require(self.fixture.screen.asked.first)
        #expect(asked.today.duration == 86_400)
        #expect(asked.clusterSize == IntakeOptions().clusterSize)
    }

    @Test func queueCountsTakeTheListsFiltersOnly() async throws {
        let (operator_, grid) = (try await self.fixture.key(.operator_), try await self.fixture.key(.grid, grid: "620402001"))
        _ = try await self.fixture.assignedTicket(department: "CG")
        _ = try await self.fixture.assignedTicket(department: "SW")
        try await self.fixture.test { client in
            try await client.expect(.forbidden, .get, "/v1/counts", key: grid)
            let unknown = try await client.call(.get, "/v1/counts?status=assigned&colour=red", key: operator_)
            #expect(unknown.status == .badRequest)
            #expect(errorFields(unknown.json) == ["status", "colour"])
            let all = try await client.call(.get, "/v1/counts", key: operator_)
            #expect(all.json["total"] as? Int == 2)
            #expect((all.json["status"] as? [String: Int])?["assigned"] == 2)
            let cg = try await client.call(.get, "/v1/counts?department=CG&grid=620402001", key: operator_)
            #expect(cg.json["total"] as? Int == 1)
            let elsewhere = try await client.call(.get, "/v1/counts?grid=620402003", key: operator_)
            #expect(elsewhere.json["total"] as? Int == 0)
        }
    }

    @Test func aTicketsMessagesAreForOperatorsWithPhonesMasked() async throws {
        let (operator_, department) = (try await self.fixture.key(.operator_), try await self.fixture.key(.department, department: "CG"))
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        self.fixture.console.add(
            TicketMessage(kind: "receipt", recipient: "13800000001", recipientRole: "caller", text: "您的诉求已受理", status: "sent", attempts: 1, createdAt: Date()),
            toTicket: ticket.id
        )
        try await self.fixture.test { client in
            try await client.expect(.forbidden, .get, "/v1/tickets/\(ticket.id)/messages", key: department)
            let unknown = try await client.call(.get, "/v1/tickets/\(UUID().uuidString.lowercased())/messages", key: operator_)
            #expect(unknown.status == .notFound)
            let byNumber = try await client.call(.get, "/v1/tickets/\(ticket.number)/messages", key: operator_)
            #expect(byNumber.status == .ok)
            let messages = byNumber.json["messages"] as? [[String: Any]] ?? []
            #expect(messages.count == 1)
            #expect(messages.first?["recipient"] as? String != "13800000001")
            #expect((messages.first?["recipient"] as? String)?.hasSuffix("01") == true)
        }
    }
}
