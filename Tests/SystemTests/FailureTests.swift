import Foundation
import Testing

/// Tests that kill servers. `make test` runs them last and alone (`--filter Failure`).
@Suite(.serialized) struct FailureTests {
    /// With the broker down intake keeps accepting; after it returns every ticket is routed
    /// and gets exactly one receipt.
    @Test func brokerOutageLosesNothing() async throws {
        let stack = try Stack.load()
        kill(try stack.pid("rabbitmq"), SIGKILL)
        try await Task.sleep(for: .seconds(1))
        var tickets: [(id: String, number: String)] = []
        for _ in 0..<20 {
            let (status, created) = try await stack.createTicket(demoTicket())
            #expect(status == 201)
            if let id = created["id"] as? String, let number = created["number"] as? String { tickets.append((id, number)) }
        }
        #expect(tickets.count == 20)
        try stack.script("rabbitmq")
        for ticket in tickets {
            let routed = try await stack.waitForTicket(ticket.id, seconds: 60) { $0["status"] as? String == "assigned" }
            #expect(routed["status"] as? String == "assigned", "ticket \(ticket.number) routed after the outage")
        }
        for ticket in tickets {
            let receipts = try await stack.waitForSMS(seconds: 30) { $0["ticketNumber"] as? String == ticket.number && $0["kind"] as? String == "receipt" }
            #expect(receipts.count == 1, "one receipt for \(ticket.number)")
        }
        try await Task.sleep(for: .seconds(2))
        for ticket in tickets {
            let receipts = stack.smsSink().filter { $0["ticketNumber"] as? String == ticket.number && $0["kind"] as? String == "receipt" }
            #expect(receipts.count == 1, "still one receipt for \(ticket.number)")
        }
    }

    /// The pools survive a PostgreSQL restart: intake answers 503 meanwhile, then 201 again.
    @Test func databaseRestartIsSurvived() async throws {
        let stack = try Stack.load()
        kill(try stack.pid("postgres"), SIGKILL)
        try await Task.sleep(for: .milliseconds(500))
        let (during, _) = try await stack.createTicket(demoTicket())
        #expect(during == 503)
        try stack.script("postgres")
        var status = 0
        var created: [String: Any] = [:]
        for _ in 0..<100 where status != 201 {
            (status, created) = try await stack.createTicket(demoTicket())
            if status != 201 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(status == 201)
        let routed = try await stack.waitForTicket(created["id"] as? String ?? "", seconds: 30) { $0["status"] as? String == "assigned" }
        #expect(routed["status"] as? String == "assigned")
    }

    /// kill -9 of the dispatcher mid-flow: `stack.sh services` (what `make up` runs) restarts
    /// it and the tickets accepted meanwhile are routed exactly once.
    @Test func dispatcherKilledAndRestarted() async throws {
        let stack = try Stack.load()
        kill(try stack.pid("dispatcher"), SIGKILL)
        var ids: [String] = []
        for _ in 0..<10 {
            let (status, created) = try await stack.createTicket(demoTicket())
            #expect(status == 201)
            if let id = created["id"] as? String { ids.append(id) }
        }
        try stack.script("services")
        for id in ids {
            let ticket = try await stack.waitForTicket(id, seconds: 30) { $0["status"] as? String == "assigned" }
            let assigned = (ticket["history"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "ticket.assigned" }
            #expect(assigned.count == 1)
        }
    }
}
