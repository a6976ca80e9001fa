import AMQP
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Kills services while tickets keep coming, then checks what every accepted ticket got:
/// routed exactly once, one task per department, exactly one receipt SMS; and prints the counts.
@Suite(.serialized) struct ChaosFailureTests {
    /// Posts tickets at about `rate`/s until `stop` is set; returns the ids that got 201.
    final class Load: @unchecked Sendable {  // fields guarded by `lock`
        let lock = NSLock()
        var accepted: [String] = []
        var refused = 0
        var running = true

        func run(_ stack: Stack, rate: Double) async {
            while self.lock.withLock({ self.running }) {
                let started = Date()
                if let (status, created) = try? await stack.createTicket(demoTicket()), status == 201, let id = created["id"] as? String {
                    self.lock.withLock { self.accepted.append(id) }
                } else {
                    self.lock.withLock { self.refused += 1 }
                }
                let pause = 1 / rate - Date().timeIntervalSince(started)
                if pause > 0 { try? await Task.sleep(for: .milliseconds(Int(pause * 1000))) }
            }
        }

        func stop() -> (accepted: [String], refused: Int) {
            self.lock.withLock {
                self.running = false
                return (self.accepted, self.refused)
            }
        }
    }

    func checkEveryAcceptedTicket(_ stack: Stack, _ ids: [String], label: String) async throws {
        var routed = 0, tasks = 0, receipts = 0
        for id in ids {
            let ticket = try await stack.waitForTicket(id, seconds: 60) { $0["status"] as? String != "received" }
            let types = (ticket["history"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            // Routing ends in exactly one of: assigned, unroutable, linked as a duplicate.
            let assignments = types.filter { ["ticket.assigned", "ticket.unroutable", "ticket.duplicate"].contains($0) }.count
            #expect(assignments == 1, "\(label): ticket \(id) routed once, history \(types)")
            if assignments == 1 { routed += 1 }
            let departments = ticket["status"] as? String == "duplicate" ? 0 : (ticket["departments"] as? [[String: Any]] ?? []).count
            let taskRows = try await stack.sql(
                "SELECT count(*) AS n FROM outbox WHERE ticket_id = $1::uuid AND exchange = 'hotline.tasks'", [id]
            )
            let taskCount = try taskRows[0].decode("n", as: Int.self)
            #expect(taskCount == departments, "\(label): one task per department for \(id)")
            tasks += taskCount
            let number = ticket["number"] as? String ?? ""
            let sms = try await stack.waitForSMS(seconds: 30) { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "receipt" }
            let unique = Set(sms.compactMap { $0["messageId"] as? String })
            #expect(unique.count == 1, "\(label): one receipt for \(number)")
            receipts += unique.count
        }
        print("chaos[\(label)]: accepted \(ids.count), routed once \(routed), tasks \(tasks), receipt SMS \(receipts)")
    }

    @Test func intakeAndNotifierKilledUnderLoad() async throws {
        let stack = try Stack.load()
        for service in ["intake", "notifier"] {
            let load = Load()
            let driver = Task { await load.run(stack, rate: 40) }
            try await Task.sleep(for: .seconds(2))
            kill(try stack.pid(service), SIGKILL)
            try await Task.sleep(for: .seconds(1))
            try stack.script("services")
            try await Task.sleep(for: .seconds(2))
            let (accepted, refused) = load.stop()
            await driver.value
            #expect(accepted.count > 40, "load kept going around the \(service) kill")
            print("chaos[\(service) kill -9]: \(accepted.count) accepted, \(refused) refused while it was down")
            try await self.checkEveryAcceptedTicket(stack, accepted, label: "\(service) kill -9")
        }
    }

    @Test func brokerStoppedWhileIntakeKeepsAccepting() async throws {
        let stack = try Stack.load()
        let load = Load()
        let driver = Task { await load.run(stack, rate: 40) }
        try await Task.sleep(for: .seconds(1))
        kill(try stack.pid("rabbitmq"), SIGKILL)
        try await Task.sleep(for: .seconds(10))
        try stack.script("rabbitmq")
        try await Task.sleep(for: .seconds(2))
        let (accepted, refused) = load.stop()
        await driver.value
        #expect(refused == 0, "intake refused nothing while the broker was down")
        try await self.checkEveryAcceptedTicket(stack, accepted, label: "broker down 10 s")
    }

    @Test func poisonOnTheRepliesQueueIsDeadLetteredAndConsumptionGoesOn() async throws {
        let stack = try Stack.load()
        let id = UUID().uuidString.lowercased()
        try stack.publish(
            exchange: "hotline.replies", routingKey: "accept", body: Array("{\"ticketId\": 42, \"marker\": \"\(id)\"}".utf8),
            messageId: id, type: "reply"
        )
        let dead = try await stack.takeMessage(from: "dispatcher.replies.dead", seconds: 15) { $0["marker"] as? String == id }
        #expect(dead?.properties.messageId == id)
        #expect(dead?.properties.headers["x-hotline-reason"]?.stringValue?.contains("not a reply") == true)
    }
}
