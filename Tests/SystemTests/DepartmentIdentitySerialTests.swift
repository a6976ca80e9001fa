import AMQP
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A department that names its broker user (`amqpUser`, CONTRACTS.md section 9) is who it says:
/// a reply for it published as another user, or without `user_id`, is dead-lettered with the
/// reason and changes nothing; its own user's reply works, and that user may do nothing else.
///
/// The tests load the demo jurisdiction plus departments `TQ` (`amqpUser` `tq-desk-<random>`) and
/// `TU` with a category each, create the broker user with `stack.sh rabbitmqctl`, and restore
/// the demo jurisdiction at the end. Also here (the suite is serialized, one jurisdiction at a
/// time): a task that no queue takes is held, recorded and counted, never confirmed into nowhere.
/// It imports jurisdictions, so it runs in the serial pass (`SerialTests`).
@Suite(.serialized) struct DepartmentIdentitySerialTests {
    @Test func forgedDepartmentRepliesAreDeadLettered() async throws {
        let stack = try Stack.load()
        let user = "tq-desk-\(Int.random(in: 1000...9999))"
        let password = UUID().uuidString
        let folder = try self.jurisdictionWithDesk(stack, user: user)
        defer {
            _ = try? stack.command("dispatcher", ["import", stack.root.appendingPathComponent("deploy/demo").path])
            _ = try? stack.runScript(["rabbitmqctl", "delete_user", user])
            try? FileManager.default.removeItem(at: folder)
        }
        let imported = try stack.command("dispatcher", ["import", folder.path])
        try #require(imported.status == 0, "import: \(imported.output)")
        try stack.runScript(["rabbitmqctl", "add_user", user, password])
        try stack.runScript(["rabbitmqctl", "set_permissions", "-p", "/", user, "^$", "^hotline\\.replies$", "^tasks\\.TQ$"])

        // A TQ ticket (the services pick the new jurisdiction up within a moment).
        var created: [String: Any] = [:]
        for _ in 0..<100 {
            let (status, json) = try await stack.createTicket(
                demoTicket(extra: ["category": "trust_qa", "description": "信任测试专用：楼道灯不亮"])
            )
            if status == 201 { created = json; break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let id = try #require(created["id"] as? String)
        var ticket = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        let departments = (ticket["departments"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        try #require(ticket["status"] as? String == "assigned" && departments == ["TQ"], "\(ticket["status"] ?? "-") \(departments)")

        // Forged: the stack's own broker user (no user_id), then claiming the desk's user id
        // from another user (the broker itself refuses that publish).
        let forged = try self.reply(id, "accept")
        try stack.publish(exchange: "hotline.replies", routingKey: "accept", body: forged.body, messageId: forged.id, type: "reply")
        let dead = try await stack.takeMessage(from: "dispatcher.replies.dead", seconds: 15) { $0["ticketId"] as? String == id }
        let letter = try #require(dead)
        let reason = letter.properties.headers["x-hotline-reason"]?.stringValue ?? ""
        #expect(reason.contains("forged department") && reason.contains(user), "reason: \(reason)")
        let impostor = try stack.amqp()
        defer { impostor.close() }
        #expect(throws: (any Error).self) {
            try impostor.publishConfirmed([self.message(forged.body, action: "accept", userId: user)])
        }
        try await Task.sleep(for: .seconds(1))
        ticket = try await stack.ticket(id)
        #expect(ticket["status"] as? String == "assigned")

        // The desk's own user: its reply is applied.
        let desk = try AMQPConnection(configuration: try AMQPConfiguration(url: self.url(stack, user: user, password: password)))
        defer { desk.close() }
        let genuine = try self.reply(id, "accept")
        try desk.publishConfirmed([self.message(genuine.body, action: "accept", userId: user, messageId: genuine.id)])
        ticket = try await stack.waitForTicket(id) { $0["status"] as? String == "accepted" }
        #expect(ticket["status"] as? String == "accepted")

        // Least permissions: it reads its own task queue, and nothing else.
        #expect(try desk.get(queue: "tasks.TQ") != nil)
        let other = try AMQPConnection(configuration: try AMQPConfiguration(url: self.url(stack, user: user, password: password)))
        defer { other.close() }
        #expect(throws: (any Error).self) { _ = try other.get(queue: "tasks.CG") }
        let publisher = try AMQPConnection(configuration: try AMQPConfiguration(url: self.url(stack, user: user, password: password)))
        defer { publisher.close() }
        #expect(throws: (any Error).self) {
            try publisher.publishConfirmed([
                AMQPOutgoingMessage(exchange: "hotline.events", routingKey: "ticket.resolved", body: Array("{}".utf8), properties: AMQPProperties(messageId: UUID().uuidString))
            ])
        }
    }

    /// TU's queue deleted by hand: its task comes back (mandatory), stays in the outbox with
    /// `returned_at`, is counted on the relaying service's `/metrics`, and goes out once the
    /// queue is declared again.
    @Test func aTaskNoQueueTakesIsHeldAndCounted() async throws {
        let stack = try Stack.load()
        let folder = try self.jurisdictionWithDesk(stack, user: "tq-desk-unused")
        defer {
            _ = try? stack.command("dispatcher", ["import", stack.root.appendingPathComponent("deploy/demo").path])
            try? FileManager.default.removeItem(at: folder)
        }
        try #require(try stack.command("dispatcher", ["import", folder.path]).status == 0)
        try stack.runScript(["rabbitmqctl", "delete_queue", "tasks.TU"])

        var created: [String: Any] = [:]
        for _ in 0..<100 {
            let (status, json) = try await stack.createTicket(demoTicket(extra: ["category": "trust_unrouted", "description": "无队列测试专用：井盖缺失"]))
            if status == 201 { created = json; break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let id = try #require(created["id"] as? String)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        var held: [String: String] = [:]
        for _ in 0..<100 where held.isEmpty {
            let rows = try await stack.sql(
                """
                SELECT return_count::text AS n, (published_at IS NULL)::text AS unpublished FROM outbox
                WHERE ticket_id = $1::uuid AND exchange = 'hotline.tasks' AND returned_at IS NOT NULL
                """,
                [id]
            )
            if let row = rows.first {
                held = ["n": try row.decode("n", as: String.self), "unpublished": try row.decode("unpublished", as: String.self)]
            } else {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        #expect(held["unpublished"] == "true", "the returned task was not recorded: \(held)")
        // Whichever service wrote the task relays it (intake routes at creation, the dispatcher later).
        var metrics = ""
        for service in ["INTAKE_URL", "DISPATCHER_URL", "NOTIFIER_URL"] {
            let (data, _) = try await URLSession.shared.data(from: URL(string: stack[service] + "/metrics")!)
            metrics += String(decoding: data, as: UTF8.self)
        }
        #expect(metrics.contains("hotline_outbox_unroutable_total{") && metrics.contains("routing_key=\"TU\""), "no unroutable metric")

        // The queue declared again (a re-import): the held task goes out within the retry period.
        try #require(try stack.command("dispatcher", ["import", folder.path]).status == 0)
        let task = try await stack.takeMessage(from: "tasks.TU", seconds: 45) { ($0["ticketId"] as? String ?? $0["id"] as? String) == id || "\($0)".contains(id) }
        #expect(task != nil, "the held task never reached tasks.TU")
    }

    /// The demo jurisdiction with department TQ (broker user `user`) and category trust_qa.
    private func jurisdictionWithDesk(_ stack: Stack, user: String) throws -> URL {
        let demo = stack.root.appendingPathComponent("deploy/demo")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-tq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: demo.appendingPathComponent("grids.geojson"), to: folder.appendingPathComponent("grids.geojson"))
        var catalog = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: demo.appendingPathComponent("catalog.json"))) as? [String: Any])
        var departments = catalog["departments"] as? [[String: Any]] ?? []
        departments.append(["code": "TQ", "name": "信任测试处", "phone": "0935-0000000", "amqpUser": user])
        departments.append(["code": "TU", "name": "无队列测试处", "phone": "0935-0000001"])
        catalog["departments"] = departments
        var categories = catalog["categories"] as? [[String: Any]] ?? []
        categories.append([
            "code": "trust_qa", "name": "信任测试", "keywords": ["信任测试专用"], "handler": "department", "department": "TQ",
            "assist": [String](), "urgency": "general",
        ])
        categories.append([
            "code": "trust_unrouted", "name": "无队列测试", "keywords": ["无队列测试专用"], "handler": "department", "department": "TU",
            "assist": [String](), "urgency": "general",
        ])
        catalog["categories"] = categories
        try JSONSerialization.data(withJSONObject: catalog).write(to: folder.appendingPathComponent("catalog.json"))
        return folder
    }

    private func reply(_ ticketId: String, _ action: String) throws -> (id: String, body: [UInt8]) {
        let body = try JSONSerialization.data(withJSONObject: ["ticketId": ticketId, "department": "TQ", "action": action, "note": "已派人处理"])
        return (UUID().uuidString.lowercased(), Array(body))
    }

    private func message(_ body: [UInt8], action: String, userId: String, messageId: String = UUID().uuidString.lowercased()) -> AMQPOutgoingMessage {
        AMQPOutgoingMessage(
            exchange: "hotline.replies", routingKey: action, body: body,
            properties: AMQPProperties(messageId: messageId, type: "reply", contentType: "application/json", userId: userId)
        )
    }

    /// The stack's broker URL with another user.
    private func url(_ stack: Stack, user: String, password: String) -> String {
        var components = URLComponents(string: stack["AMQP_URL"])!
        components.user = user
        components.password = password
        return components.string!
    }
}
