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
        let (majorAt, communityAt) = (try #require(secretaryTasks.firstIndex(of: major.id)), try #require(secretaryTasks.firstIndex(of: community.id)))
        #expect(majorAt < communityAt, "三重/secretary matters first")
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
    static let grid = "62040200400303"
    static let worker = "13909331633"
    static let secretaryPhone = "13909323133"

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
    /// The first `kind` SMS to `phone` among those after the `seen` it had, that holds `text`.
    /// An earlier command's answer may still arrive after `seen` was counted, so the answer
    /// looked for is found by its words, not by its place.
    func reply(to phone: String, kind: String, after seen: Int, containing text: String) async throws -> String {
        let found = try await self.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == kind }
        let deadline = Date().addingTimeInterval(15)
        var texts = found.dropFirst(seen).compactMap { $0["text"] as? String }
        while Date() < deadline, !texts.contains(where: { $0.contains(text) }) {
            try await Task.sleep(for: .milliseconds(100))
            texts = self.stack.smsSink().filter { $0["to"] as? String == phone && $0["kind"] as? String == kind }
                .dropFirst(seen).compactMap { $0["text"] as? String }
        }
        let match = texts.first { $0.contains(text) }
        #expect(match != nil, "no \(kind) SMS to the phone holds “\(text)”: \(texts)")
        return match ?? texts.last ?? ""
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
        #expect(try await self.reply(to: Self.worker, kind: "command_ack", after: seen, containing: "\(first.number)已接单").contains("已接单"))

        // Two open: nothing changes, the answer lists them.
        let second = try await self.ticket("neighbour_dispute", grid: Self.grid, description: "楼道堆放杂物，邻居互相指责")
        seen = self.count(Self.worker, "command_ack")
        answer = try await self.sms(notifier, from: Self.worker, "办结 已调解")
        #expect((answer["outcome"] as? String)?.hasPrefix("command ambiguous 2") == true, "\(answer)")
        let listing = try await self.reply(to: Self.worker, kind: "command_ack", after: seen, containing: "未作处理")
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
        #expect(try await self.reply(to: Self.worker, kind: "command_ack", after: seen, containing: "退回须写明原因").contains("退回须写明原因"))
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
        #expect(try await self.reply(to: Self.worker, kind: "help", after: seen, containing: "办结").contains("办结"))
    }

    // MARK: 吹哨报到

    func summon(_ key: String, _ id: String, _ body: [String: Any]) async throws -> (status: Int, json: [String: Any]) {
        try await self.stack.http("POST", self.intake + "/v1/tickets/\(id)/summon", json: body, key: key)
    }

    @Test func aSecretarySummonsDepartmentsThatReportInOrGoOverdue() async throws {
        let secretary = try await self.key("secretary", ["community": "620402001001"])
        let otherSecretary = try await self.key("secretary", ["community": "620402001002"])
        let worker = try await self.key("grid", ["grid": "62040200100104"])
        let ticket = try await self.ticket("neighbour_dispute", grid: "62040200100104", description: "两户因违建雨棚争执，需城管和派出所协同")

        #expect(try await self.summon(worker, ticket.id, ["departments": ["CG"]]).status == 403)
        #expect(try await self.summon(otherSecretary, ticket.id, ["departments": ["CG"]]).status == 404)
        #expect(try await self.summon(secretary, ticket.id, ["departments": ["XX"]]).status == 400)
        #expect(try await self.summon(secretary, ticket.id, ["departments": []]).status == 400)
        let summoned = try await self.summon(secretary, ticket.id, ["departments": ["CG", "GA"], "note": "请到现场协同处置"])
        #expect(summoned.status == 200, "\(summoned.json)")
        let assigned = (summoned.json["routing"] as? [String: Any])?["departments"] as? [[String: Any]] ?? []
        #expect(Set(assigned.filter { $0["role"] as? String == "assist" }.compactMap { $0["code"] as? String }) == ["CG", "GA"])
        #expect(try await self.summon(secretary, ticket.id, ["departments": ["CG"]]).status == 400, "CG is already on it")

        // Each gets its task marked summoned, with the report-in deadline.
        let task = try await self.stack.takeMessage(from: "tasks.CG") { $0["ticketId"] as? String == ticket.id }
        let body = try #require(task.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.body))) as? [String: Any] })
        #expect(body["summoned"] as? Bool == true && body["role"] as? String == "assist" && body["reportBy"] is String)

        // CG reports in: the history says so; the ticket's own status is the worker's business.
        let cg = try await self.stack.departmentKey("CG")
        let reported = try await self.act(cg, ticket.id, "accept", ["note": "城管已到场"])
        #expect(reported.status == 200 && reported.json["status"] as? String == "assigned", "\(reported.json)")
        // GA does not: past its deadline it is overdue, once.
        try await self.stack.sql(
            "UPDATE summons SET respond_by = now() - interval '1 second' WHERE ticket_id = $1::uuid AND department = 'GA'", [ticket.id]
        )
        let deadline = Date().addingTimeInterval(20)
        var history: [[String: Any]] = []
        while Date() < deadline {
            history = try await self.stack.ticket(ticket.id)["history"] as? [[String: Any]] ?? []
            if history.contains(where: { $0["type"] as? String == "ticket.overdue" }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let whistle = try #require(history.first { $0["type"] as? String == "ticket.summoned" }?["data"] as? [String: Any])
        #expect(whistle["by"] as? String == "网格测试-secretary" && whistle["departments"] as? [String] == ["CG", "GA"])
        let reportIn = history.filter { $0["type"] as? String == "ticket.reported_in" }.compactMap { $0["data"] as? [String: Any] }
        #expect(reportIn.count == 1 && reportIn.first?["by"] as? String == "CG" && reportIn.first?["summonedBy"] as? String == "网格测试-secretary")
        let overdue = history.filter { $0["type"] as? String == "ticket.overdue" }.compactMap { $0["data"] as? [String: Any] }
        #expect(overdue.count == 1 && overdue.first?["what"] as? String == "report_in" && overdue.first?["department"] as? String == "GA", "\(overdue)")
        // Reporting in late is still recorded, marked late.
        #expect(try await self.act(try await self.stack.departmentKey("GA"), ticket.id, "accept").status == 200)
        let late = (try await self.stack.ticket(ticket.id)["history"] as? [[String: Any]] ?? [])
            .last { $0["type"] as? String == "ticket.reported_in" }?["data"] as? [String: Any]
        #expect(late?["by"] as? String == "GA" && late?["late"] as? Bool == true)
    }

    // MARK: Photos

    /// A small JPEG with an EXIF block (where GPS would be).
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10] + Array("Exif".utf8) + [0, 0] + Array("MM\0*GPS!".utf8)
        + [0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]

    func upload(_ key: String, _ id: String, _ bytes: [UInt8], type: String) async throws -> (status: Int, json: [String: Any]) {
        try await self.stack.http(
            "POST", self.intake + "/v1/tickets/\(id)/attachments", key: key, headers: ["Content-Type": type], body: Data(bytes)
        )
    }

    func bytes(_ url: String, key: String) async throws -> (status: Int, data: Data, type: String?) {
        var request = URLRequest(url: URL(string: self.intake + url)!)
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, data, http?.value(forHTTPHeaderField: "Content-Type"))
    }

    @Test func photosAreCheckedScopedAndRequiredToResolveWhereTheCategorySaysSo() async throws {
        let worker = try await self.key("grid", ["grid": "62040200100103"])
        let otherWorker = try await self.key("grid", ["grid": "62040200100201"])
        // 空调外机纠纷 has "resolvePhoto": true in the demo catalog.
        let ticket = try await self.ticket("air_conditioner_dispute", grid: "62040200100103", description: "楼上空调外机冷凝水滴到我家窗台")
        #expect(try await self.act(worker, ticket.id, "accept").status == 200)
        let refused = try await self.act(worker, ticket.id, "resolve", ["note": "已协调加装接水管"])
        #expect(refused.status == 409 && (refused.json["error"] as? [String: Any])?["code"] as? String == "photo_required", "\(refused.json)")

        #expect(try await self.upload(worker, ticket.id, Array("hello".utf8), type: "text/plain").status == 415)
        #expect(try await self.upload(worker, ticket.id, Self.jpeg, type: "image/gif").status == 415)
        #expect(try await self.upload(worker, ticket.id, Self.png, type: "image/jpeg").status == 400, "a lying Content-Type")
        #expect(try await self.upload(worker, ticket.id, Array("<svg/>".utf8), type: "image/png").status == 400)
        let big = Self.jpeg + [UInt8](repeating: 0, count: 5 * 1024 * 1024)
        #expect(try await self.upload(worker, ticket.id, big, type: "image/jpeg").status == 413)
        #expect(try await self.upload(otherWorker, ticket.id, Self.jpeg, type: "image/jpeg").status == 404)
        #expect((try await self.stack.ticket(ticket.id)["attachments"] as? [Any])?.isEmpty == true, "nothing refused was stored")

        let stored = try await self.upload(worker, ticket.id, Self.jpeg, type: "image/jpeg")
        #expect(stored.status == 201, "\(stored.json)")
        let url = try #require(stored.json["url"] as? String)
        #expect(stored.json["id"] is String)
        let served = try await self.bytes(url, key: worker)
        #expect(served.status == 200 && served.type == "image/jpeg" && [UInt8](served.data) == Self.jpeg, "staff keep the EXIF block")
        #expect(try await self.bytes(url, key: otherWorker).status == 404)
        #expect(try await self.bytes(url, key: self.stack["OPERATOR_KEY"]).status == 200)
        let listed = try await self.stack.ticket(ticket.id)["attachments"] as? [[String: Any]] ?? []
        #expect(listed.count == 1 && listed.first?["url"] as? String == url && listed.first?["party"] as? String == "62040200100103")

        let resolved = try await self.act(worker, ticket.id, "resolve", ["note": "已协调加装接水管"])
        #expect(resolved.status == 200 && resolved.json["status"] as? String == "resolved", "\(resolved.json)")
    }
}
