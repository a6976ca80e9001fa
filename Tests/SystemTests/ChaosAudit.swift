import AMQP
import Foundation
import Postgres
import Testing

/// What the fault-injection suite checks after each scenario, from outside, as the residents,
/// the departments and the operators would see it:
///
/// - every ticket whose POST answered 201 is routed exactly once (one of `ticket.assigned`,
///   `ticket.unroutable`, `ticket.duplicate` in its history) and received once, with no event id
///   twice in its history;
/// - each of its departments finds exactly one task for it on `tasks.<code>` (by `messageId`;
///   the test plays the departments and drains those queues), in the right role, and no other
///   queue has one;
/// - its caller got exactly one receipt SMS (by `messageId`);
/// - the dead-letter queues of the consumed queues grew by exactly what the scenario poisoned.
///
/// It prints the counts it checked and records an issue for every mismatch.
struct ChaosAudit {
    /// Every queue a service consumes; `<queue>.dead` holds what it refused.
    static let consumedQueues = ["dispatcher.events", "dispatcher.replies", "notifier.events"]

    /// What one scenario checked.
    struct Counts {
        var accepted = 0
        var routed = 0
        var tasks = 0
        var receipts = 0
        var deadLettered = 0
    }

    let stack: Stack
    let label: String
    let startedAt: Date
    private let deadBefore: [String: Int]

    /// Notes the dead-letter queues' depths before the scenario `label` starts.
    init(_ stack: Stack, label: String) throws {
        self.stack = stack
        self.label = label
        self.startedAt = Date()
        self.deadBefore = try Self.deadLetterDepths(stack)
    }

    /// Checks every ticket of `load` and the dead-letter queues (`deadLetters`: how many each
    /// consumed queue's `.dead` queue should have gained), prints the counts and answers them.
    @discardableResult
    func verify(_ load: ChaosLoad.Result, deadLetters expected: [String: Int] = [:]) async throws -> Counts {
        var counts = Counts(accepted: load.accepted.count)
        var problems = Problems(label: self.label)
        let tickets = try await self.routedTickets(load.accepted)
        for ticket in tickets {
            let received = ticket.history.filter { $0.type == "ticket.received" }.count
            let outcomes = ticket.history.filter { ["ticket.assigned", "ticket.unroutable", "ticket.duplicate"].contains($0.type) }.count
            let uniqueIds = Set(ticket.history.map(\.id)).count
            if received == 1 && outcomes == 1 && uniqueIds == ticket.history.count {
                counts.routed += 1
            } else {
                problems.add("routing", "\(ticket.number) not received and routed exactly once (or an event twice): \(ticket.history.map(\.type))")
            }
        }
        counts.tasks = try await self.checkTasks(tickets, &problems)
        counts.receipts = try await self.checkReceipts(tickets, &problems)
        counts.deadLettered = try await self.checkDeadLetters(expected, &problems)
        problems.record()
        print(
            "chaos[\(self.label)]: accepted \(counts.accepted) (refused: \(load.refusedSummary)), routed once \(counts.routed), "
                + "tasks on the right queue \(counts.tasks), receipt SMS \(counts.receipts), dead-lettered \(counts.deadLettered); "
                + String(format: "%.0f s", Date().timeIntervalSince(self.startedAt))
        )
        #expect(counts.routed == counts.accepted && counts.receipts == counts.accepted, "\(self.label): every accepted ticket checked out")
        return counts
    }

    // MARK: - Tickets

    struct RoutedTicket {
        var id: String
        var number: String
        /// Department code -> role, for tickets that send tasks.
        var departments: [String: String]
        var history: [(id: String, type: String)]
    }

    /// Each ticket once it has left `received` (at most 60 s for all), eight at a time.
    private func routedTickets(_ ids: [String]) async throws -> [RoutedTicket] {
        var tickets: [RoutedTicket] = []
        let stack = self.stack
        let deadline = Date().addingTimeInterval(60)
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(start + 8, ids.count)]
            start += chunk.count
            try await withThrowingTaskGroup(of: RoutedTicket.self) { group in
                for id in chunk {
                    group.addTask {
                        let ticket = try await stack.waitForTicket(id, seconds: max(0.5, deadline.timeIntervalSinceNow)) { ($0["status"] as? String).map { $0 != "received" } ?? false }
                        let history = (ticket["history"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["type"] as? String ?? "") }
                        var departments: [String: String] = [:]
                        if ticket["status"] as? String != "duplicate" {
                            for department in ticket["departments"] as? [[String: Any]] ?? [] {
                                if let code = department["code"] as? String { departments[code] = department["role"] as? String ?? "" }
                            }
                        }
                        return RoutedTicket(id: id, number: ticket["number"] as? String ?? "", departments: departments, history: history)
                    }
                }
                for try await ticket in group { tickets.append(ticket) }
            }
        }
        return tickets
    }

    // MARK: - Tasks

    /// Drains every department's `tasks.<code>` queue until each ticket's tasks have come (at most
    /// 30 s), then checks one task per department by `messageId`, in its role, on its own queue.
    private func checkTasks(_ tickets: [RoutedTicket], _ problems: inout Problems) async throws -> Int {
        let ours = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id, $0) })
        let queues = try self.departmentCodes().map { "tasks.\($0)" }
        // ticket id -> queue -> message ids (and the roles they carried)
        var found: [String: [String: (ids: Set<String>, roles: Set<String>)]] = [:]
        let missing = {
            tickets.contains { ticket in ticket.departments.keys.contains { found[ticket.id]?["tasks.\($0)"] == nil } }
        }
        let deadline = Date().addingTimeInterval(30)
        let connection = try self.stack.amqp()
        defer { connection.close() }
        repeat {
            for queue in queues {
                while let delivery = try connection.get(queue: queue) {
                    let body = (try? JSONSerialization.jsonObject(with: Data(delivery.body))) as? [String: Any] ?? [:]
                    if let ticketId = body["ticketId"] as? String, ours[ticketId] != nil {
                        var entry = found[ticketId, default: [:]][queue, default: ([], [])]
                        entry.ids.insert(delivery.properties.messageId ?? "")
                        entry.roles.insert(body["role"] as? String ?? "")
                        found[ticketId, default: [:]][queue] = entry
                    }
                    try connection.ack(delivery.deliveryTag)
                }
            }
            if !missing() { break }
            try await Task.sleep(for: .milliseconds(200))
        } while Date() < deadline
        var tasks = 0
        for ticket in tickets {
            let expected = Dictionary(uniqueKeysWithValues: ticket.departments.map { ("tasks.\($0.key)", $0.value) })
            let got = found[ticket.id] ?? [:]
            if Set(got.keys) != Set(expected.keys) {
                problems.add("tasks", "tasks of \(ticket.number) on \(got.keys.sorted()), expected \(expected.keys.sorted())")
            }
            for (queue, role) in expected {
                guard let entry = got[queue] else { continue }
                if entry.ids.count == 1 && entry.roles == [role] {
                    tasks += 1
                } else {
                    problems.add("tasks", "\(ticket.number) on \(queue): \(entry.ids.count) task(s), roles \(entry.roles), expected one as \(role)")
                }
            }
        }
        return tasks
    }

    /// The department codes of the jurisdiction the stack loaded (the demo one unless `JURISDICTION`).
    private func departmentCodes() throws -> [String] {
        let folder = ProcessInfo.processInfo.environment["JURISDICTION"] ?? self.stack.root.appendingPathComponent("deploy/demo").path
        let catalog = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/catalog.json"))) as? [String: Any]
        return (catalog?["departments"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    // MARK: - SMS

    /// Waits until every ticket's caller has a receipt (at most 30 s); checks there is one per ticket.
    private func checkReceipts(_ tickets: [RoutedTicket], _ problems: inout Problems) async throws -> Int {
        let numbers = Set(tickets.map(\.number))
        var receipts: [String: Set<String>] = [:]
        let deadline = Date().addingTimeInterval(30)
        repeat {
            receipts = [:]
            for sms in self.stack.smsSink() where sms["kind"] as? String == "receipt" {
                if let number = sms["ticketNumber"] as? String, numbers.contains(number) {
                    receipts[number, default: []].insert(sms["messageId"] as? String ?? "")
                }
            }
            if receipts.count == numbers.count { break }
            try await Task.sleep(for: .milliseconds(250))
        } while Date() < deadline
        var count = 0
        for ticket in tickets {
            let ids = receipts[ticket.number] ?? []
            if ids.count == 1 { count += 1 } else { problems.add("SMS", "\(ids.count) receipt SMS for \(ticket.number)") }
        }
        return count
    }

    // MARK: - Dead letters

    /// How many messages wait in each consumed queue's `.dead` queue.
    static func deadLetterDepths(_ stack: Stack) throws -> [String: Int] {
        let connection = try stack.amqp()
        defer { connection.close() }
        var depths: [String: Int] = [:]
        for queue in Self.consumedQueues {
            depths[queue] = Int(try connection.declareQueue(queue + ".dead", arguments: ["x-queue-type": .string("quorum")]).messageCount)
        }
        return depths
    }

    /// Waits (at most 20 s) for the `.dead` queues to have gained what was expected, then checks
    /// they gained exactly that; answers how many arrived in all.
    private func checkDeadLetters(_ expected: [String: Int], _ problems: inout Problems) async throws -> Int {
        var gained: [String: Int] = [:]
        let deadline = Date().addingTimeInterval(expected.isEmpty ? 0 : 20)
        repeat {
            let depths = try Self.deadLetterDepths(self.stack)
            gained = depths.reduce(into: [:]) { $0[$1.key] = $1.value - (self.deadBefore[$1.key] ?? 0) }
            if Self.consumedQueues.allSatisfy({ (gained[$0] ?? 0) >= (expected[$0] ?? 0) }) { break }
            try await Task.sleep(for: .milliseconds(250))
        } while Date() < deadline
        for queue in Self.consumedQueues {
            if (gained[queue] ?? 0) != (expected[queue] ?? 0) {
                problems.add("dead letters", "\(queue).dead gained \(gained[queue] ?? 0), expected \(expected[queue] ?? 0)")
            }
        }
        return gained.values.reduce(0, +)
    }

    /// Takes from `<queue>.dead` the messages with these ids (at most `seconds`), leaving the rest.
    static func takeDeadLetters(_ stack: Stack, queue: String, ids: Set<String>, seconds: Double = 15) async throws -> [String: AMQPDelivery] {
        var taken: [String: AMQPDelivery] = [:]
        let deadline = Date().addingTimeInterval(seconds)
        let connection = try stack.amqp()
        defer { connection.close() }
        while taken.count < ids.count && Date() < deadline {
            var last: UInt64?
            while let delivery = try connection.get(queue: queue + ".dead") {
                if let id = delivery.properties.messageId, ids.contains(id) {
                    taken[id] = delivery
                    try connection.ack(delivery.deliveryTag)
                } else {
                    last = delivery.deliveryTag
                }
            }
            if let last { try connection.nack(last, multiple: true, requeue: true) }
            if taken.count < ids.count { try await Task.sleep(for: .milliseconds(200)) }
        }
        return taken
    }

    // MARK: - Half-written tickets

    /// After a database outage: no request answered 503 left a ticket, and every ticket created
    /// since the scenario began (accepted or not) has its `ticket.received` event.
    func checkNothingHalfWritten(_ load: ChaosLoad.Result) async throws -> (unavailable: Int, others: Int) {
        let leftovers = try await self.stack.sql(
            "SELECT count(*) AS n FROM tickets WHERE external_id = ANY($1::text[])", ["{" + load.unavailableExternalIds.joined(separator: ",") + "}"]
        )
        let left = try leftovers[0].decode("n", as: Int.self)
        #expect(left == 0, "\(self.label): \(left) request(s) answered 503 left a ticket")
        let since = ISO8601DateFormatter().string(from: self.startedAt.addingTimeInterval(-1))
        let rows = try await self.stack.sql("SELECT id::text AS id FROM tickets WHERE created_at >= $1::timestamptz", [since])
        let accepted = Set(load.accepted)
        let others = try rows.map { try $0.decode("id", as: String.self) }.filter { !accepted.contains($0) }
        for id in others {
            let types = try await self.stack.historyTypes(id)
            #expect(types.filter { $0 == "ticket.received" }.count == 1, "\(self.label): ticket \(id) (no 201 seen) is whole: \(types)")
        }
        return (load.unavailableExternalIds.count, others.count)
    }
}

/// Mismatches found by a ``ChaosAudit``, by kind, recorded as one issue per kind (with a count
/// and the first few) rather than one per ticket.
struct Problems {
    let label: String
    private var found: [(kind: String, text: String)] = []

    init(label: String) {
        self.label = label
    }

    mutating func add(_ kind: String, _ text: String) {
        self.found.append((kind, text))
    }

    func record() {
        for kind in Set(self.found.map(\.kind)).sorted() {
            let texts = self.found.filter { $0.kind == kind }.map(\.text)
            Issue.record("\(self.label): \(texts.count) \(kind) mismatch(es); first: \(texts.prefix(5).joined(separator: "; "))")
        }
    }
}
