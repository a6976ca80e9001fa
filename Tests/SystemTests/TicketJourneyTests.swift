import AMQP
import Foundation
import Testing

/// The walking skeleton, on the real servers: POST -> routed -> task on the department's
/// queue -> receipt SMS, and the ticket shows its routing and history.
@Suite struct TicketJourneyTests {
    @Test func ticketTravelsTheWholeWay() async throws {
        let stack = try Stack.load()
        let body = demoTicket()
        let (status, created) = try await stack.createTicket(body)
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let number = try #require(created["number"] as? String)
        #expect(number.hasPrefix("12345-"))
        #expect(created["status"] as? String == "received")

        let routed = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        #expect(routed["status"] as? String == "assigned")
        #expect(routed["grid"] as? String == "62040200100201")
        #expect(routed["handler"] as? String == "department")
        let departments = routed["departments"] as? [[String: Any]] ?? []
        #expect(departments.first?["code"] as? String == "CG")
        #expect(departments.first?["role"] as? String == "lead")
        let deadlines = routed["deadlines"] as? [String: Any] ?? [:]
        #expect(deadlines["resolveBy"] is String)
        // Other tests' street lights nearby may raise a cluster alert on this one: that is not routing.
        let history = (routed["history"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }.filter { $0 != "ticket.cluster" }
        #expect(history == ["ticket.received", "ticket.assigned"])

        // The task waits on tasks.CG; other tests' tasks may be there too.
        let task = try await stack.takeMessage(from: "tasks.CG") { $0["ticketId"] as? String == id }
        #expect(task != nil, "task for \(id) on tasks.CG")
        #expect(task?.properties.contentType == "application/json")
        let taskBody = task.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
        #expect(taskBody?["role"] as? String == "lead")
        #expect(taskBody?["number"] as? String == number)

        let phone = (body["caller"] as? [String: Any])?["phone"] as? String
        let receipts = try await stack.waitForSMS { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "receipt" }
        #expect(receipts.count == 1)
        #expect(receipts.first?["to"] as? String == phone)
        #expect((receipts.first?["text"] as? String)?.contains(number) == true)
    }

    @Test func ticketNobodyCanPlaceIsUnroutable() async throws {
        let stack = try Stack.load()
        let (status, created) = try await stack.createTicket(demoTicket("路灯不亮好几天了", address: "城西老市场那边的路口"))
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let ticket = try await stack.waitForTicket(id) { $0["status"] as? String != "received" }
        #expect(ticket["status"] as? String == "unroutable")
    }

    @Test func badInputIsRefusedWithEveryFieldNamed() async throws {
        let stack = try Stack.load()
        let (status, body) = try await stack.createTicket([
            "channel": "fax", "caller": ["phone": "12345"], "location": ["lat": 95.0, "lon": 104.0],
        ])
        #expect(status == 400)
        let fields = ((body["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(Set(fields).isSuperset(of: ["channel", "caller.phone", "description", "location.lat"]))
        let (unauthorized, _) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets", json: demoTicket())
        #expect(unauthorized == 401)
    }

    @Test func retriedPostWithIdempotencyKeyReturnsTheSameTicket() async throws {
        let stack = try Stack.load()
        let key = UUID().uuidString
        let body = demoTicket()
        let first = try await stack.createTicket(body, idempotencyKey: key)
        let second = try await stack.createTicket(body, idempotencyKey: key)
        #expect(first.status == 201)
        #expect(second.status == 200)
        #expect(first.json["id"] as? String == second.json["id"] as? String)
        var other = body
        other["description"] = "另一件事：下水道堵塞"
        let conflict = try await stack.createTicket(other, idempotencyKey: key)
        #expect(conflict.status == 409)
    }

    /// The caller's W3C trace follows the ticket: its events and its task carry `traceparent`
    /// with the same trace id, and the dispatcher logs it.
    @Test func traceContextFollowsTheTicket() async throws {
        let stack = try Stack.load()
        let traceId = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: 1...UInt32.max)) }.joined()
        let (status, created) = try await stack.http(
            "POST", stack["INTAKE_URL"] + "/v1/tickets", json: demoTicket(), key: stack["OPERATOR_KEY"],
            headers: ["traceparent": "00-\(traceId)-00f067aa0ba902b7-01"]
        )
        #expect(status == 201)
        #expect(created["traceId"] as? String == traceId)
        let id = try #require(created["id"] as? String)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        let task = try await stack.takeMessage(from: "tasks.CG") { $0["ticketId"] as? String == id }
        let header = task?.properties.headers["traceparent"]?.stringValue ?? ""
        #expect(header.hasPrefix("00-\(traceId)-"), "task traceparent \(header)")
        let rows = try await stack.sql(
            "SELECT count(*) AS n FROM outbox WHERE ticket_id = $1::uuid AND traceparent LIKE $2", [id, "00-\(traceId)-%"]
        )
        #expect(try rows[0].decode("n", as: Int.self) >= 3, "received, assigned and the task carry the trace")
    }
}
