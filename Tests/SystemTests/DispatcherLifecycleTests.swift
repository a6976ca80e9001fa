import AMQP
import Foundation
import Testing

/// The ticket's life after routing, end to end on the real servers: replies over AMQP and
/// HTTP, returns, rating and reopening, deadlines and escalation, duplicates, clusters.
@Suite struct DispatcherLifecycleTests {
    /// Publishes a department reply on `hotline.replies`, as a department's system would.
    func reply(_ stack: Stack, _ ticketId: String, _ department: String, _ action: String, note: String = "处理中") throws {
        let body = try JSONSerialization.data(withJSONObject: ["ticketId": ticketId, "department": department, "action": action, "note": note])
        try stack.publish(exchange: "hotline.replies", routingKey: action, body: Array(body), type: "reply")
    }

    func routedTicket(_ stack: Stack, _ body: [String: Any] = demoTicket()) async throws -> (id: String, number: String) {
        let (status, created) = try await stack.createTicket(body)
        try #require(status == 201)
        let id = try #require(created["id"] as? String)
        let ticket = try await stack.waitForTicket(id) { $0["status"] as? String != "received" }
        try #require(ticket["status"] as? String == "assigned", "routed: \(ticket["status"] ?? "-")")
        return (id, try #require(created["number"] as? String))
    }

    @Test func acceptResolveOverAMQPThenDissatisfiedRatingReopens() async throws {
        let stack = try Stack.load()
        let (id, number) = try await self.routedTicket(stack)
        try self.reply(stack, id, "CG", "accept")
        var ticket = try await stack.waitForTicket(id) { $0["status"] as? String == "accepted" }
        #expect(ticket["status"] as? String == "accepted")
        // An assisting or unrelated department may not resolve: refused, recorded, nothing changes.
        try self.reply(stack, id, "GA", "resolve")
        try self.reply(stack, id, "CG", "resolve", note: "已修复")
        ticket = try await stack.waitForTicket(id) { $0["status"] as? String == "resolved" }
        #expect(ticket["status"] as? String == "resolved")
        let rating = try await stack.waitForSMS { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "rating_request" }
        #expect(rating.count == 1)

        let (status, reopened) = try await stack.http(
            "POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/rating", json: ["score": 3], key: stack["OPERATOR_KEY"]
        )
        #expect(status == 200)
        #expect(reopened["status"] as? String == "assigned")
        #expect(reopened["reopenCount"] as? Int == 1)
        let types = try await stack.historyTypes(id)
        #expect(types.suffix(2) == ["ticket.rated", "ticket.reopened"])
        #expect(types.filter { $0 == "ticket.resolved" }.count == 1)
        let task = try await stack.takeMessage(from: "tasks.CG") { $0["ticketId"] as? String == id }
        #expect(task != nil)

        // Rating a ticket that is not resolved is an illegal transition, named.
        let (conflict, body) = try await stack.http(
            "POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/rating", json: ["score": 1], key: stack["OPERATOR_KEY"]
        )
        #expect(conflict == 409)
        #expect(((body["error"] as? [String: Any])?["message"] as? String)?.contains("assigned") == true)
    }

    @Test func returnReroutesToTheNextDepartment() async throws {
        let stack = try Stack.load()
        let body = demoTicket("路口地下供水管道爆裂，水往外喷，需要抢修", address: "朝阳路东段\(Int.random(in: 1...99_999))号")
        let (id, _) = try await self.routedTicket(stack, body)
        let before = try await stack.ticket(id)
        let lead = (before["departments"] as? [[String: Any]] ?? []).first { $0["role"] as? String == "lead" }?["code"] as? String
        #expect(lead == "SW")
        let key = try await stack.departmentKey("SW")
        let (noReason, _) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tasks/\(id)/return", json: ["note": ""], key: key)
        #expect(noReason == 400)
        let (status, after) = try await stack.http(
            "POST", stack["INTAKE_URL"] + "/v1/tasks/\(id)/return", json: ["note": "管网产权属市政，请转城管"], key: key
        )
        #expect(status == 200)
        let departments = (after["departments"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(!departments.contains("SW"))
        #expect(after["status"] as? String == "assigned")
        #expect(after["returnCount"] as? Int == 1)
        let types = try await stack.historyTypes(id)
        #expect(types.suffix(2) == ["ticket.returned", "ticket.assigned"])
        // The department that returned it no longer sees it.
        let (forbidden, _) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tasks/\(id)/accept", json: ["note": "x"], key: key)
        #expect(forbidden == 403)
    }

    @Test func overdueTicketsAreSupervisedAndEscalated() async throws {
        let stack = try Stack.load()
        let (id, _) = try await self.routedTicket(stack)
        // Time travel instead of waiting days: the deadlines are moved into the past.
        try await stack.sql(
            """
            UPDATE tickets SET assigned_at = now() - interval '10 seconds', respond_by = now() - interval '8 seconds',
                resolve_by = now() - interval '1 second' WHERE id = $1::uuid
            """,
            [id]
        )
        let escalated = try await stack.waitForTicket(id) { $0["level"] as? String == "street" }
        #expect(escalated["level"] as? String == "street")
        let types = try await stack.historyTypes(id)
        #expect(types.filter { $0 == "ticket.overdue" }.count == 2)
        #expect(types.filter { $0 == "ticket.escalated" }.count == 1)
        // Twice the resolve time: the district centre.
        try await stack.sql("UPDATE tickets SET assigned_at = resolve_by - interval '1 second' WHERE id = $1::uuid", [id])
        let district = try await stack.waitForTicket(id) { $0["level"] as? String == "district" }
        #expect(district["level"] as? String == "district")
        try await Task.sleep(for: .seconds(2))
        let again = try await stack.historyTypes(id)
        #expect(again.filter { $0 == "ticket.overdue" }.count == 2, "overdue is raised once per deadline")
        #expect(again.filter { $0 == "ticket.escalated" }.count == 2)
    }

    @Test func nearbySameProblemIsLinkedAsDuplicateAndCanBeUnlinked() async throws {
        let stack = try Stack.load()
        // Somewhere random in the district, so earlier runs' open tickets are not nearby.
        let lat = Double.random(in: 36.485...36.555), lon = Double.random(in: 104.105...104.195)
        var first = demoTicket("小区门口路面塌陷，有个大坑")
        first["location"] = ["lat": lat, "lon": lon]
        var second = demoTicket("门口路面塌陷了一块，很危险")
        second["location"] = ["lat": lat + 0.0001, "lon": lon]
        let (parent, _) = try await self.routedTicket(stack, first)
        let (status, created) = try await stack.createTicket(second)
        #expect(status == 201)
        let child = try #require(created["id"] as? String)
        let linked = try await stack.waitForTicket(child) { $0["status"] as? String != "received" }
        #expect(linked["status"] as? String == "duplicate")
        #expect(linked["duplicateOf"] as? String == parent)
        #expect((try await stack.ticket(parent))["duplicateCount"] as? Int == 1)
        let number = try #require(created["number"] as? String)
        let receipt = try await stack.waitForSMS { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "receipt" }
        #expect(receipt.count == 1, "the resident of a duplicate still gets a receipt")

        let (unlinked, body) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets/\(child)/unlink", key: stack["OPERATOR_KEY"])
        #expect(unlinked == 200)
        #expect(body["status"] as? String == "assigned")
        #expect((try await stack.ticket(parent))["duplicateCount"] as? Int == 0)
    }

    @Test func threeOpenTicketsOfOneKindInAGridRaiseOneClusterAlert() async throws {
        let stack = try Stack.load()
        var ids: [String] = []
        for n in 0..<3 {
            let body = demoTicket("楼下饭店油烟噪音扰民第\(n)次", address: "电力小区\(Int.random(in: 1...99_999))号楼")
            ids.append(try await self.routedTicket(stack, body).id)
        }
        let ticket = try await stack.ticket(ids[0])
        let grid = try #require(ticket["grid"] as? String)
        let category = try #require(ticket["category"] as? String)
        let alerts = try await stack.sql(
            """
            SELECT count(*) AS n FROM outbox WHERE message_type = 'ticket.cluster' AND created_at > now() - interval '24 hours'
              AND body::jsonb -> 'data' ->> 'grid' = $1 AND body::jsonb -> 'data' ->> 'category' = $2
            """,
            [grid, category]
        )
        #expect(try alerts[0].decode("n", as: Int.self) == 1)
    }

    @Test func unroutableTicketIsDispatchedByHandAndCancelledOnce() async throws {
        let stack = try Stack.load()
        let (status, created) = try await stack.createTicket(demoTicket("路灯不亮好几天了", address: "城西老市场那边的路口"))
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "unroutable" }
        let (dispatched, ticket) = try await stack.http(
            "POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/dispatch", json: ["grid": "62040200100201", "department": "CG"],
            key: stack["OPERATOR_KEY"]
        )
        #expect(dispatched == 200)
        #expect(ticket["status"] as? String == "assigned")
        #expect(ticket["grid"] as? String == "62040200100201")
        let (cancelled, _) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/cancel", json: ["reason": "重复来电"], key: stack["OPERATOR_KEY"])
        #expect(cancelled == 200)
        let (again, body) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/cancel", json: [:], key: stack["OPERATOR_KEY"])
        #expect(again == 409)
        #expect(((body["error"] as? [String: Any])?["message"] as? String)?.contains("cancelled") == true)
    }
}
