import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The grid's side on the running stack (CONTRACTS section 10, docs/grid.md): grid and
/// secretary keys on `/v1/tasks`, their scopes, a secretary's reassignment, and the SMS
/// commands of the phones grids.geojson names.
@Suite(.serialized) struct GridTests {
    let stack: Stack

    init() throws {
        self.stack = try Stack.load()
    }

    var intake: String { self.stack["INTAKE_URL"] }

    /// A new key of `role` with its scope.
    func key(_ role: String, _ scope: [String: Any]) async throws -> String {
        let (status, json) = try await self.stack.http(
            "POST", self.intake + "/v1/keys", json: ["role": role, "name": "网格测试-\(role)"].merging(scope) { $1 }, key: self.stack["ADMIN_KEY"]
        )
        #expect(status == 201, "\(json)")
        return try #require(json["key"] as? String)
    }

    /// A ticket of `category` in `grid`, waited for until assigned: (id, number).
    func ticket(_ category: String, grid: String, description: String = "楼上住户装修噪音和漏水，邻里协商不成") async throws -> (id: String, number: String) {
        let body = demoTicket(description, extra: [
            "category": category, "location": ["address": "测试路\(Int.random(in: 1...9_999_999))号", "grid": grid],
        ])
        let (status, created) = try await self.stack.createTicket(body)
        #expect(status == 201, "\(created)")
        let id = try #require(created["id"] as? String)
        let ticket = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        #expect(ticket["status"] as? String == "assigned", "\(ticket)")
        return (id, try #require(created["number"] as? String))
    }

    func tasks(_ key: String) async throws -> [[String: Any]] {
        let (status, json) = try await self.stack.http("GET", self.intake + "/v1/tasks", key: key)
        #expect(status == 200, "\(json)")
        return json["tasks"] as? [[String: Any]] ?? []
    }

    func act(_ key: String, _ id: String, _ action: String, _ body: [String: Any] = [:]) async throws -> (status: Int, json: [String: Any]) {
        try await self.stack.http("POST", self.intake + "/v1/tasks/\(id)/\(action)", json: body, key: key)
    }

    @Test func aGridWorkerActsOnItsGridOnlyAndASecretaryOnItsCommunityOnly() async throws {
        let (gridA, gridB, otherCommunityGrid) = ("62040200100101", "62040200100102", "62040200100201")
        let workerA = try await self.key("grid", ["grid": gridA])
        let workerB = try await self.key("grid", ["grid": gridB])
        let secretary = try await self.key("secretary", ["community": "620402001001"])
        let otherSecretary = try await self.key("secretary", ["community": "620402001002"])
        let community = try await self.ticket("neighbour_dispute", grid: gridA)
        let elsewhere = try await self.ticket("neighbour_dispute", grid: otherCommunityGrid)
        let major = try await self.ticket("wall_collapse", grid: gridB, description: "小区围墙出现裂缝并倾斜，随时可能倒塌")

        // Listing: each sees its own.
        let ids = { (tasks: [[String: Any]]) in tasks.compactMap { $0["id"] as? String } }
        #expect(ids(try await self.tasks(workerA)).contains(community.id))
        #expect(!ids(try await self.tasks(workerB)).contains(community.id))
        #expect(!ids(try await self.tasks(workerB)).contains(major.id), "a secretary matter is not the worker's")
        let secretaryTasks = ids(try await self.tasks(secretary))
        #expect(secretaryTasks.contains(community.id) && secretaryTasks.contains(major.id) && !secretaryTasks.contains(elsewhere.id))
        #expect(secretaryTasks.firstIndex(of: major.id)! < secretaryTasks.firstIndex(of: community.id)!, "三重/secretary matters first")
        #expect(!ids(try await self.tasks(otherSecretary)).contains(community.id))

        // Another grid's or community's ticket is 404, to act on or to read.
        #expect(try await self.act(workerB, community.id, "accept").status == 404)
        #expect(try await self.act(otherSecretary, community.id, "accept").status == 404)
        #expect(try await self.act(workerA, elsewhere.id, "accept").status == 404)
        #expect(try await self.stack.http("GET", self.intake + "/v1/tickets/\(community.id)", key: workerB).status == 404)
        #expect(try await self.stack.http("GET", self.intake + "/v1/tickets/\(community.id)", key: otherSecretary).status == 404)
        #expect(try await self.stack.http("GET", self.intake + "/v1/tickets/\(community.id)", key: workerA).status == 200)
        #expect(try await self.stack.ticket(community.id)["status"] as? String == "assigned", "a refused reply changes nothing")

        // The worker accepts, with the same lifecycle as a department.
        let accepted = try await self.act(workerA, community.number, "accept", ["note": "马上到现场"])
        #expect(accepted.status == 200 && accepted.json["status"] as? String == "accepted", "\(accepted.json)")
        #expect(try await self.act(workerA, community.id, "return").status == 400, "a return needs its reason")
        let history = try await self.stack.ticket(community.id)["history"] as? [[String: Any]] ?? []
        let acceptedEntry = try #require(history.last { $0["type"] as? String == "ticket.accepted" }?["data"] as? [String: Any])
        #expect(acceptedEntry["by"] as? String == gridA && acceptedEntry["byName"] as? String == "网格测试-grid")

        // The secretary reaches the other grid's secretary matter and gives the community ticket to grid B.
        #expect(try await self.act(secretary, major.id, "accept").status == 200)
        let moved = try await self.act(secretary, community.id, "reassign", ["grid": gridB, "note": "B网格就近处理"])
        #expect(moved.status == 200 && moved.json["status"] as? String == "assigned", "\(moved.json)")
        #expect((moved.json["routing"] as? [String: Any])?["grid"] as? String == gridB)
        #expect(try await self.act(secretary, community.id, "reassign", ["grid": otherCommunityGrid]).status == 400)
        #expect(try await self.act(otherSecretary, community.id, "reassign", ["grid": otherCommunityGrid]).status == 404)
        #expect(try await self.act(workerA, community.id, "reassign", ["grid": gridA]).status == 403)
        #expect(try await self.act(workerA, community.id, "progress", ["note": "x"]).status == 404, "no longer grid A's")
        let resolved = try await self.act(workerB, community.id, "resolve", ["note": "双方已调解签字"])
        #expect(resolved.status == 200 && resolved.json["status"] as? String == "resolved", "\(resolved.json)")
        #expect(try await self.act(workerB, community.id, "resolve", ["note": "again"]).status == 409)
    }

    // MARK: SMS commands

    /// 红光村第3网格's worker and 红光村's secretary (deploy/demo/grids.geojson).
    static let (grid, worker, secretaryPhone) = ("62040200400303", "13909331633", "13909323133")

    /// Closes every open task of 红光村 so that "the only open task" is this test's.
    func clearCommunity() async throws {
        try await self.stack.sql(
            "UPDATE tickets SET status = 'cancelled' WHERE community = '620402004003' AND status IN ('assigned', 'accepted')"
        )
    }

    func sms(_ notifier: NotifierHarness, from phone: String, _ text: String) async throws -> [String: Any] {
        let (status, json) = try await notifier.inbound(from: phone, text: text)
        #expect(status == 200, "\(json)")
        return json
    }

    /// The next SMS to `phone` of `kind` after the `seen` ones.
    func reply(to phone: String, kind: String, after seen: Int) async throws -> String {
        let found = try await self.stack.waitForSMS(count: seen + 1) { $0["to"] as? String == phone && $0["kind"] as? String == kind }
        #expect(found.count > seen, "no \(kind) SMS to the phone")
        return found.count > seen ? found[seen]["text"] as? String ?? "" : ""
    }

    func count(_ phone: String, _ kind: String) -> Int {
        self.stack.smsSink().filter { $0["to"] as? String == phone && $0["kind"] as? String == kind }.count
    }

    @Test func smsCommandsActOnTheOnlyOpenTaskOrListThemAll() async throws {
        let notifier = try NotifierHarness.load()
        try await self.clearCommunity()
        let first = try await self.ticket("neighbour_dispute", grid: Self.grid)

        // No number, one open task: it is that one.
        var seen = self.count(Self.worker, "command_ack")
        var answer = try await self.sms(notifier, from: Self.worker, "接单")
        #expect(answer["outcome"] as? String == "command accept \(first.number)" && answer["ticketId"] as? String == first.id)
        #expect(try await self.stack.ticket(first.id)["status"] as? String == "accepted")
        #expect(try await self.reply(to: Self.worker, kind: "command_ack", after: seen).contains("\(first.number)已接单"))

        // Two open: nothing changes, the answer lists them.
        let second = try await self.ticket("neighbour_dispute", grid: Self.grid, description: "楼道堆放杂物，邻居互相指责")
        seen = self.count(Self.worker, "command_ack")
        answer = try await self.sms(notifier, from: Self.worker, "办结 已调解")
        #expect((answer["outcome"] as? String)?.hasPrefix("command ambiguous 2") == true, "\(answer)")
        let listing = try await self.reply(to: Self.worker, kind: "command_ack", after: seen)
        #expect(listing.contains(first.number) && listing.contains(second.number) && listing.contains("未作处理"), "\(listing)")
        #expect(try await self.stack.ticket(first.id)["status"] as? String == "accepted")
        #expect(try await self.stack.ticket(second.id)["status"] as? String == "assigned")

        // Full-width digits, dashes and spaces, number first.
        let fullWidth = String(String.UnicodeScalarView(first.number.unicodeScalars.map {
            ("0"..."9").contains(Character($0)) ? Unicode.Scalar($0.value + 0xFEE0)! : $0 == "-" ? "－" : $0
        }))
        answer = try await self.sms(notifier, from: Self.worker, "\(fullWidth)　办结：双方已和解。")
        #expect(answer["outcome"] as? String == "command resolve \(first.number)", "\(answer)")
        let resolved = try await self.stack.ticket(first.id)
        #expect(resolved["status"] as? String == "resolved")
        let note = (resolved["history"] as? [[String: Any]] ?? []).last { $0["type"] as? String == "ticket.resolved" }?["data"] as? [String: Any]
        #expect(note?["note"] as? String == "双方已和解" && note?["by"] as? String == Self.grid)

        // A return without its reason changes nothing and says why; with it, the ticket goes back.
        seen = self.count(Self.worker, "command_ack")
        answer = try await self.sms(notifier, from: Self.worker, "退回")
        #expect((answer["outcome"] as? String)?.hasPrefix("command refused") == true, "\(answer)")
        #expect(try await self.reply(to: Self.worker, kind: "command_ack", after: seen).contains("退回须写明原因"))
        #expect(try await self.stack.ticket(second.id)["status"] as? String == "assigned")
        answer = try await self.sms(notifier, from: Self.worker, "退回 \(second.number) 不属于本网格")
        #expect(answer["outcome"] as? String == "command return \(second.number)", "\(answer)")
        #expect(try await self.stack.ticket(second.id)["returnCount"] as? Int == 1)

        // Another grid's worker cannot touch it; the community's secretary can.
        let third = try await self.ticket("neighbour_dispute", grid: Self.grid, description: "邻居在公共走廊堆放杂物")
        answer = try await self.sms(notifier, from: "13909370203", "\(third.number) 接单")
        #expect((answer["outcome"] as? String)?.hasPrefix("command refused") == true, "\(answer)")
        #expect(try await self.stack.ticket(third.id)["status"] as? String == "assigned")
        answer = try await self.sms(notifier, from: Self.secretaryPhone, "接单 \(third.number)")
        #expect(answer["outcome"] as? String == "command accept \(third.number)", "\(answer)")

        // Not a command: the grid's help, not the residents'.
        seen = self.count(Self.worker, "help")
        answer = try await self.sms(notifier, from: Self.worker, "今天下雨了")
        #expect(answer["outcome"] as? String == "command help")
        #expect(try await self.reply(to: Self.worker, kind: "help", after: seen).contains("办结"))
    }
}
