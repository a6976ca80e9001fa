import AMQP
import Foundation
import HotlineDomain
import Testing

/// The fault-injection suite: each scenario breaks one server while tickets keep coming
/// (``ChaosLoad``), brings it back, and then ``ChaosAudit`` checks what every accepted ticket got
/// and prints the counts. The 3-node broker cluster has its own suite (``ClusterFailureTests``).
@Suite(.serialized) struct ChaosFailureTests {
    /// kill -9 of each service mid-load; `stack.sh services` (what `make up` runs) restarts it.
    @Test(.timeLimit(.minutes(4))) func servicesKilledUnderLoad() async throws {
        let stack = try Stack.load()
        for service in ["dispatcher", "intake", "notifier"] {
            let audit = try ChaosAudit(stack, label: "\(service) kill -9")
            let result = try await ChaosLoad.during(stack) { _ in
                try await Task.sleep(for: .seconds(2))
                kill(try stack.pid(service), SIGKILL)
                try await Task.sleep(for: .seconds(1))
                try stack.script("services")
                try await Task.sleep(for: .seconds(2))
            }
            #expect(result.accepted.count >= Int(ChaosLoad.defaultRate * 2), "\(service) kill -9: the load kept going")
            // Only intake's own outage may turn callers away.
            if service != "intake" { #expect(result.refusedCount == 0, "\(service) kill -9: refused \(result.refusedSummary)") }
            try await audit.verify(result)
        }
    }

    /// A graceful broker restart (SIGTERM: the broker closes every connection) mid-load.
    @Test(.timeLimit(.minutes(3))) func brokerRestartedUnderLoad() async throws {
        let stack = try Stack.load()
        let audit = try ChaosAudit(stack, label: "broker restart")
        let result = try await ChaosLoad.during(stack) { _ in
            try await Task.sleep(for: .seconds(2))
            let pid = try stack.pid("rabbitmq")
            kill(pid, SIGTERM)
            try await waitForExit(pid, seconds: 30)
            try stack.script("rabbitmq")
            try await Task.sleep(for: .seconds(2))
        }
        #expect(result.refusedCount == 0, "broker restart: intake refused \(result.refusedSummary)")
        try await audit.verify(result)
    }

    /// The broker killed and kept down for 20 s: intake keeps answering 201 (events wait in the
    /// outbox); when it is back everything flows, exactly once.
    @Test(.timeLimit(.minutes(3))) func brokerDownTwentySecondsWhileIntakeKeepsAccepting() async throws {
        let stack = try Stack.load()
        let audit = try ChaosAudit(stack, label: "broker down 20 s")
        var acceptedWhileDown = 0
        let result = try await ChaosLoad.during(stack) { load in
            try await Task.sleep(for: .seconds(1))
            kill(try stack.pid("rabbitmq"), SIGKILL)
            let before = load.acceptedSoFar
            try await Task.sleep(for: .seconds(20))
            acceptedWhileDown = load.acceptedSoFar - before
            try stack.script("rabbitmq")
            try await Task.sleep(for: .seconds(2))
        }
        #expect(result.refusedCount == 0, "broker down: intake refused \(result.refusedSummary)")
        #expect(acceptedWhileDown >= Int(ChaosLoad.defaultRate * 10), "broker down: \(acceptedWhileDown) accepted in the 20 s")
        print("chaos[broker down 20 s]: \(acceptedWhileDown) tickets accepted while the broker was down")
        try await audit.verify(result)
    }

    /// PostgreSQL killed mid-load and restarted: intake answers 503 in the gap (nothing else),
    /// no 503 leaves a ticket, every ticket written is whole, and the services reconnect.
    @Test(.timeLimit(.minutes(3))) func databaseRestartedUnderLoad() async throws {
        let stack = try Stack.load()
        let audit = try ChaosAudit(stack, label: "PostgreSQL restart")
        let result = try await ChaosLoad.during(stack) { load in
            try await Task.sleep(for: .seconds(2))
            kill(try stack.pid("postgres"), SIGKILL)
            try await Task.sleep(for: .seconds(2))
            try stack.script("postgres")
            // Until intake takes tickets again, then a little more.
            let resumed = load.acceptedSoFar
            for _ in 0..<100 where load.acceptedSoFar == resumed { try await Task.sleep(for: .milliseconds(100)) }
            try await Task.sleep(for: .seconds(2))
        }
        #expect(Set(result.refused.keys).isSubset(of: [503]), "PostgreSQL restart: refused \(result.refusedSummary), only 503 allowed")
        #expect(result.refused[503, default: 0] > 0, "PostgreSQL restart: intake answered 503 while the database was down")
        try await audit.verify(result)
        let (unavailable, unconfirmed) = try await audit.checkNothingHalfWritten(result)
        print("chaos[PostgreSQL restart]: \(unavailable) answers 503 left no ticket; \(unconfirmed) ticket(s) written without a 201 seen are whole")
    }

    /// Invalid JSON, an unknown type and a wrong version on every consumed queue, mid-load: each
    /// lands in its `.dead` queue with its reason, and every consumer keeps going.
    @Test(.timeLimit(.minutes(3))) func poisonOnEveryConsumedQueue() async throws {
        let stack = try Stack.load()
        let audit = try ChaosAudit(stack, label: "poison")
        // message id -> what the reason must say; events go to both event queues.
        var eventPoison: [String: String] = [:]
        var replyPoison: [String: String] = [:]
        let result = try await ChaosLoad.during(stack) { load in
            try await Task.sleep(for: .seconds(1))
            func event(type: String, version: Int) throws -> (String, [UInt8]) {
                let envelope = EventEnvelope(type: type, version: version, occurredAt: Date(), ticketId: UUID().uuidString.lowercased(), ticketNumber: "X", data: .object([:]))
                return (envelope.id, Array(try HotlineJSON.encoder().encode(envelope)))
            }
            let broken = UUID().uuidString.lowercased()
            let (unknown, unknownBody) = try event(type: "ticket.teleported", version: 1)
            let (future, futureBody) = try event(type: "ticket.received", version: 2)
            for (id, body, reason) in [
                (broken, Array("{\"id\": \"\(broken)\", \"type\": ".utf8), "not a valid event envelope"),
                (unknown, unknownBody, "unknown event type 'ticket.teleported'"),
                (future, futureBody, "unsupported version 2"),
            ] {
                try stack.publish(exchange: "hotline.events", routingKey: "ticket.received", body: body, messageId: id, type: "ticket.received")
                eventPoison[id] = reason
            }
            let ticket = UUID().uuidString.lowercased()
            for (body, reason) in [
                ("{\"ticketId\": \"\(ticket)\", \"department\": ", "not a reply"),
                ("{\"ticketId\": \"\(ticket)\", \"department\": \"CG\", \"action\": \"approve\"}", "not a reply"),
                ("{\"ticketId\": \"\(ticket)\", \"department\": \"CG\", \"action\": \"accept\", \"version\": 2}", "unsupported version 2"),
            ] {
                let id = UUID().uuidString.lowercased()
                try stack.publish(exchange: "hotline.replies", routingKey: "accept", body: Array(body.utf8), messageId: id, type: "reply")
                replyPoison[id] = reason
            }
            // The replies consumer keeps going: a good reply after the poison is applied.
            try await self.acceptOneTicket(stack, load: load)
            try await Task.sleep(for: .seconds(2))
        }
        try await audit.verify(result, deadLetters: ["dispatcher.events": 3, "notifier.events": 3, "dispatcher.replies": 3])
        for (queue, poison) in [("dispatcher.events", eventPoison), ("notifier.events", eventPoison), ("dispatcher.replies", replyPoison)] {
            let dead = try await ChaosAudit.takeDeadLetters(stack, queue: queue, ids: Set(poison.keys))
            for (id, reason) in poison {
                let recorded = dead[id]?.properties.headers["x-hotline-reason"]?.stringValue ?? "(not in \(queue).dead)"
                #expect(recorded.contains(reason), "poison \(id) on \(queue): reason '\(recorded)' should say '\(reason)'")
            }
        }
    }

    /// Publishes a department's `accept` for the first accepted ticket that has a lead department,
    /// and waits until the ticket is accepted.
    private func acceptOneTicket(_ stack: Stack, load: ChaosLoad) async throws {
        for _ in 0..<100 where load.acceptedSoFar == 0 { try await Task.sleep(for: .milliseconds(100)) }
        for id in load.acceptedIds.prefix(10) {
            let ticket = try await stack.waitForTicket(id, seconds: 30) { $0["status"] as? String != "received" }
            let lead = (ticket["departments"] as? [[String: Any]] ?? []).first { $0["role"] as? String == "lead" }
            guard ticket["status"] as? String == "assigned", let code = lead?["code"] as? String else { continue }
            let reply = ["ticketId": id, "department": code, "action": "accept", "note": "chaos: on our way"]
            try stack.publish(
                exchange: "hotline.replies", routingKey: "accept", body: Array(try JSONSerialization.data(withJSONObject: reply)), type: "reply"
            )
            let accepted = try await stack.waitForTicket(id, seconds: 20) { $0["status"] as? String == "accepted" }
            #expect(accepted["status"] as? String == "accepted", "a good reply after the poison was applied")
            return
        }
        Issue.record("no accepted ticket with a lead department to reply to")
    }
}

/// Waits until process `pid` (not our child) has exited.
func waitForExit(_ pid: pid_t, seconds: Double) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        // A killed process may linger as a zombie until its parent reaps it: that counts as gone.
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
        if kill(pid, 0) != 0 || state == "Z" { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw StackError("process \(pid) still running after \(seconds) s")
}
