import CaseStore
import Foundation
import HotlineDomain
import Logging
import Outbox
import Postgres
import Testing

/// Set-based routing and replies (`CaseStore.route(batch:)`, `reply(batch:)`) against the stack's
/// database: a whole batch in one transaction, duplicates within the batch, refusals without a
/// savepoint, events without the caller. Tickets are created and routed in one transaction, so
/// the running dispatcher never sees them `received`.
@Suite struct BatchRoutingTests {
    let logger = Logger(label: "batch-routing-tests")
    let store = CaseStore(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    func snapshot() throws -> JurisdictionSnapshot {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let jurisdiction = try Jurisdiction.load(folder: root.appendingPathComponent("deploy/demo"))
        return JurisdictionSnapshot(jurisdiction: jurisdiction, revision: 1, timeZone: self.store.timeZone)
    }

    func ticket(_ category: HotlineDomain.Category, grid: String, lat: Double, lon: Double, phone: String) -> NewTicket {
        NewTicket(
            channel: .phone, callerName: "批量测试", callerPhone: phone, description: "\(category.name)（批量路由测试）",
            requestedCategory: category.code, category: category.code, address: nil, coordinate: Coordinate(lat: lat, lon: lon),
            grid: grid, urgency: nil, major: nil, externalId: nil
        )
    }

    @Test func aBatchRoutesLinksItsOwnDuplicateAndRepliesWithoutSavepoints() async throws {
        let pool = PostgresPool(url: try TestServers.value("DATABASE_URL"), size: 1, logger: self.logger)
        let snapshot = try self.snapshot()
        let category = try #require(snapshot.jurisdiction.catalog.categories.first { $0.handler == .department && $0.department != nil })
        let lead = try #require(category.department)
        let grid = try #require(snapshot.jurisdiction.grids.first).code
        // Far from every other test's tickets: only this batch's are candidates.
        let lat = Double.random(in: 20...50), lon = Double.random(in: 80...120)
        let phone = "139" + String(format: "%08d", Int.random(in: 0..<100_000_000))
        let news = [
            self.ticket(category, grid: grid, lat: lat, lon: lon, phone: phone),
            self.ticket(category, grid: grid, lat: lat + 0.0002, lon: lon, phone: phone),
            self.ticket(category, grid: grid, lat: lat + 0.05, lon: lon, phone: phone),
        ]
        let policy = CasePolicy()
        let routed = try await pool.transaction { connection in
            let created = try self.store.createMany(news.map { ($0, nil) }, on: connection)
            let ids = created.map(\.id)
            let routed = try self.store.route(batch: Array(ids.reversed()), using: snapshot, policy: policy, on: connection)
            #expect(try self.store.route(batch: ids, using: snapshot, policy: policy, on: connection).isEmpty, "routed once")
            return (ids, routed)
        }
        let ids = routed.0
        #expect(Set(routed.1) == Set(ids))
        let tickets = try await pool.transaction { connection in try CaseStore.tickets(ids: ids, on: connection) }
        let (first, second, third) = (try #require(tickets[ids[0]]), try #require(tickets[ids[1]]), try #require(tickets[ids[2]]))
        #expect(first.status == .assigned)
        #expect(second.status == .duplicate && second.duplicateOf == first.id, "the older of two in one batch is the original")
        #expect(first.duplicateCount == 1)
        #expect(third.status == .assigned, "5 km away is another matter")

        // Events: a summary of the ticket, nothing personal.
        let bodies = try await pool.transaction { connection in
            try connection.query(
                "SELECT message_type, body FROM outbox WHERE ticket_id = ANY($1::uuid[]) AND exchange = 'hotline.events'", [ids]
            ).map { (try $0.decode("message_type", as: String.self), try $0.decode("body", as: String.self)) }
        }
        #expect(Set(bodies.map(\.0)).isSuperset(of: ["ticket.received", "ticket.assigned", "ticket.duplicate"]))
        for (type, body) in bodies {
            #expect(!body.contains(phone) && !body.contains("批量测试"), "\(type) carries the caller")
            #expect(body.utf8.count < 1_500, "\(type) is \(body.utf8.count) bytes")
        }

        // Replies: accept and resolve by the lead, a stranger's and a late accept refused; one batch.
        let refusals = try await pool.transaction { connection in
            try self.store.reply(
                batch: [
                    ReplyCommand(ticketId: first.id, action: .accept, actor: lead, note: "收到"),
                    ReplyCommand(ticketId: first.id, action: .accept, actor: "NOBODY", note: nil),
                    ReplyCommand(ticketId: first.id, action: .resolve, actor: lead, note: "已修复"),
                    ReplyCommand(ticketId: first.id, action: .accept, actor: lead, note: "again"),
                    ReplyCommand(ticketId: third.id, action: .progress, actor: lead, note: "在办"),
                ],
                using: snapshot, on: connection
            )
        }
        #expect(refusals.count == 2)
        #expect(refusals.contains { if case .notAssigned = $0.refusal { true } else { false } })
        #expect(refusals.contains { if case .illegal = $0.refusal { true } else { false } })
        let after = try await pool.transaction { connection in try CaseStore.tickets(ids: [first.id, third.id], on: connection) }
        #expect(after[first.id]?.status == .resolved)
        #expect(after[first.id]?.version == first.version + 2)
        #expect(after[first.id]?.resolvedAt != nil)
        #expect(after[third.id]?.status == .accepted)
        let replied = try await pool.transaction { connection in
            try connection.query(
                "SELECT message_type FROM outbox WHERE ticket_id = $1::uuid AND exchange = 'hotline.events' ORDER BY seq", [first.id]
            ).map { try $0.decode("message_type", as: String.self) }
        }
        #expect(Array(replied.suffix(2)) == ["ticket.accepted", "ticket.resolved"])
        await pool.shutdown()
    }

    /// Service orders routed in one batch are offered together to their community's volunteers
    /// with the skill (not the paused one), one thin `ticket.offered` each; a manual dispatch to
    /// another community clears the taker and the earlier offers and offers the order afresh.
    @Test func aBatchOffersItsServiceOrdersAndARerouteOffersAfresh() async throws {
        let pool = PostgresPool(url: try TestServers.value("DATABASE_URL"), size: 1, logger: self.logger)
        let snapshot = try self.snapshot()
        let category = try #require(snapshot.jurisdiction.catalog.categories.first { $0.handler == .volunteer })
        let grid = try #require(snapshot.jurisdiction.grids.first)
        let other = try #require(snapshot.jurisdiction.grids.first { $0.community.code != grid.community.code })
        let tag = String(Int.random(in: 0..<100_000_000))
        func volunteer(_ n: Int, paused: Bool = false) -> Volunteer {
            Volunteer(
                code: "VB\(tag)-\(n)", name: "批量志愿者\(n)", phone: "137" + String(format: "%08d", (Int(tag)! + n) % 100_000_000),
                community: grid.community.code, skills: [category.code], paused: paused
            )
        }
        let volunteers = [volunteer(1), volunteer(2), volunteer(3, paused: true)]
        let volunteerStore = VolunteerStore(timeZone: self.store.timeZone)
        _ = try await pool.transaction { try volunteerStore.upsert(volunteers, on: $0) }
        let lat = Double.random(in: 20...50), lon = Double.random(in: 80...120)
        let phone = "139" + String(format: "%08d", Int.random(in: 0..<100_000_000))
        let news = [
            self.ticket(category, grid: grid.code, lat: lat, lon: lon, phone: phone),
            self.ticket(category, grid: grid.code, lat: lat + 0.05, lon: lon, phone: phone),
        ]
        let ids = try await pool.transaction { connection in
            let ids = try self.store.createMany(news.map { ($0, nil) }, on: connection).map(\.id)
            try self.store.route(batch: ids, using: snapshot, on: connection)
            return ids
        }
        func offers(_ id: String) async throws -> [String] {
            try await pool.transaction { connection in
                try connection.query("SELECT volunteer FROM volunteer_offers WHERE ticket_id = $1::uuid ORDER BY volunteer", [id])
                    .map { try $0.decode("volunteer", as: String.self) }
            }
        }
        func offeredEvents(_ id: String) async throws -> [String] {
            try await pool.transaction { connection in
                try connection.query(
                    "SELECT body FROM outbox WHERE ticket_id = $1::uuid AND message_type = 'ticket.offered' ORDER BY seq", [id]
                ).map { try $0.decode("body", as: String.self) }
            }
        }
        let expected = [volunteers[0].code, volunteers[1].code]
        for id in ids {
            #expect(try await offers(id) == expected)
            let events = try await offeredEvents(id)
            #expect(events.count == 1)
            let body = try #require(events.first)
            let data = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["data"] as? [String: Any])
            #expect(data["volunteers"] as? [String] == expected)
            #expect((data["ticket"] as? [String: Any])?["handler"] as? String == "volunteer")
            #expect(!body.contains(phone) && !body.contains("批量测试") && !body.contains(volunteers[0].phone), "no personal data")
        }

        // The first order is taken, then dispatched by hand to another community's grid.
        let first = ids[0]
        let taken = try await pool.transaction { connection in
            try self.store.take(first, volunteer: try #require(try volunteerStore.find(code: expected[0], on: connection)), on: connection)
        }
        #expect(taken.outcome == .taken && taken.ticket.volunteer == expected[0])
        let dispatched = try await pool.transaction { connection in
            try self.store.dispatch(first, grid: other.code, department: nil, operator: "批量测试员", using: snapshot, on: connection)
        }
        #expect(dispatched.volunteer == nil && dispatched.status == .assigned && dispatched.handler == .volunteer)
        #expect(try await offers(first).isEmpty, "the other community has none of these volunteers")
        #expect(try await offeredEvents(first).count == 2)
        #expect(try await offers(ids[1]) == expected, "the other order keeps its offers")

        _ = try await pool.transaction { connection in
            try volunteerStore.upsert(volunteers.map { var v = $0; v.paused = true; return v }, on: connection)
        }
        await pool.shutdown()
    }
}
