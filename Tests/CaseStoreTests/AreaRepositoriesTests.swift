import CaseStore
import Foundation
import HotlineDomain
import Postgres
import Testing

/// The PostgreSQL repositories of broadcasts, summons, photos, Open311 and knowledge on the
/// real PostgreSQL, each test in a schema of its own: their main queries and the refusals the
/// in-memory twins copy.
@Suite struct AreaRepositoriesTests {
    static let zone = WorkingCalendar.chinaTimeZone

    /// A street-light ticket created and routed (lead CG, grid 620402001).
    static func routedTicket(_ schema: TestSchema, channel: Channel = .phone) async throws -> Ticket {
        let store = CaseStore(timeZone: Self.zone)
        var draft = CaseStoreTests.streetlight()
        draft.channel = channel
        let new = draft
        let created = try await schema.pool.transaction { try store.create(new, promisedBy: nil, on: $0) }
        let snapshot = schema.snapshot
        _ = try await schema.pool.transaction { try store.route(created.id, using: snapshot, on: $0) }
        return try #require(try await schema.pool.withConnection { try store.find(created.id, on: $0) })
    }

    @Test func aBroadcastIsStoredOncePerIdempotencyKeyAndAnnounced() async throws {
        try await TestSchema.run { schema in
            let repository = PostgresBroadcastRepository(pool: schema.pool)
            let scope = BroadcastScope(level: .street, code: "620402")
            let recipients = scope.recipients(in: schema.snapshot.jurisdiction.grids)
            let apiKey = UUID().uuidString.lowercased()
            func new(_ text: String, key: String?, hash: String) -> NewBroadcast {
                NewBroadcast(
                    scope: scope, text: text, requireAck: true, recipients: recipients, createdBy: "值班员", apiKeyId: apiKey, idempotencyKey: key,
                    requestHash: hash
                )
            }
            let first = try await repository.create(new("暴雨预警", key: "b-1", hash: "h1"))
            #expect(!first.replayed)
            #expect(first.view.status == "queued")
            #expect(first.view.totals.recipients == 0)
            let again = try await repository.create(new("暴雨预警", key: "b-1", hash: "h1"))
            #expect(again.replayed)
            #expect(again.view.id == first.view.id)
            await #expect(throws: CaseError.self) { _ = try await repository.create(new("别的", key: "b-1", hash: "h2")) }
            let second = try await repository.create(new("停水通知", key: nil, hash: "h3"))
            #expect(try await repository.find(first.view.id)?.text == "暴雨预警")
            #expect(try await repository.find(UUID().uuidString) == nil)
            #expect(try await repository.find("not-a-uuid") == nil)
            let latest = try await repository.latest(limit: 10)
            #expect(latest.map(\.id) == [second.view.id, first.view.id])
            #expect(latest.allSatisfy { $0.recipients == nil })
            let events = try await schema.pool.withConnection { connection in
                try connection.query("SELECT count(*)::int8 AS n FROM outbox WHERE routing_key = 'broadcast.created'")[0].decode("n", as: Int64.self)
            }
            #expect(events == 2)
        }
    }

    @Test func aSummonAddsAssistingDepartmentsWithinTheSecretarysCommunity() async throws {
        try await TestSchema.run { schema in
            let ticket = try await Self.routedTicket(schema)
            let repository = PostgresSummonRepository(pool: schema.pool, store: CaseStore(timeZone: Self.zone))
            let lead = ticket.routing?.departments.first { $0.role == .lead }?.code
            let assist = ["CG", "GD", "SW", "ZJ"].first { code in !(ticket.routing?.departments.contains { $0.code == code } ?? false) }
            let code = try #require(assist)
            await #expect(throws: CaseError.notFound(ticket.id)) {
                _ = try await repository.summon(ticket.id, departments: [code], by: "陈书记", community: "620402102", note: nil, using: schema.snapshot)
            }
            if let lead {
                await #expect(throws: CaseError.self) {
                    _ = try await repository.summon(ticket.id, departments: [lead], by: "李书记", community: nil, note: nil, using: schema.snapshot)
                }
            }
            let summoned = try await repository.summon(ticket.id, departments: [code], by: "李书记", community: "620402101", note: "协同", using: schema.snapshot)
            #expect(summoned.routing?.departments.contains { $0.code == code && $0.role == .assist } == true)
        }
    }

    @Test func aPhotoIsReadOnlyByKeysThatReachItsTicket() async throws {
        try await TestSchema.run { schema in
            let ticket = try await Self.routedTicket(schema)
            let repository = PostgresAttachmentRepository(pool: schema.pool, store: CaseStore(timeZone: Self.zone), storage: PostgresAttachmentStorage())
            let staff = AttachmentAccess(open311Only: false, mayRead: { _ in true }, party: { _ in "CG" })
            let nobody = AttachmentAccess(open311Only: false, mayRead: { _ in false }, party: { _ in nil })
            let open311 = AttachmentAccess(open311Only: true, mayRead: { _ in true }, party: { _ in nil })
            let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            await #expect(throws: CaseError.notFound(ticket.id)) {
                _ = try await repository.attach(bytes, kind: .png, to: ticket.id, by: "网格员", role: "grid", access: nobody)
            }
            await #expect(throws: CaseError.notFound(ticket.id)) {
                _ = try await repository.attach(bytes, kind: .png, to: ticket.id, by: "市民", role: "open311", access: open311)
            }
            let attachment = try await repository.attach(bytes, kind: .png, to: ticket.number, by: "城管", role: "department", access: staff)
            #expect(attachment.party == "CG")
            #expect(attachment.url == "/v1/attachments/\(attachment.id)")
            let read = try #require(try await repository.photo(attachment.id, access: staff))
            #expect(read.bytes == bytes)
            #expect(read.contentType == "image/png")
            #expect(try await repository.photo(attachment.id, access: nobody) == nil)
            #expect(try await repository.photo(attachment.id, access: open311) == nil)
            #expect(try await repository.photo(UUID().uuidString, access: staff) == nil)
        }
    }

    @Test func open311ShowsOnlyItsOwnRequestsAndTheirClientsPhotos() async throws {
        try await TestSchema.run { schema in
            let store = CaseStore(timeZone: Self.zone)
            let repository = PostgresOpen311Repository(pool: schema.pool, store: store, attachments: PostgresAttachmentStorage())
            let phoned = try await Self.routedTicket(schema)
            var new = CaseStoreTests.streetlight(phone: "13800000009")
            new.channel = .web
            let submitted = try await repository.submit(new, promisedBy: nil)
            let storage = PostgresAttachmentStorage()
            let bytes = Data([0xFF, 0xD8, 0xFF, 0xE0, 1])
            let (client, staff) = try await schema.pool.transaction { connection in
                (
                    try store.attach(bytes, kind: .jpeg, to: submitted.id, by: "市民", role: "open311", party: nil, storage: storage, on: connection),
                    try store.attach(bytes, kind: .jpeg, to: submitted.id, by: "城管", role: "department", party: "CG", storage: storage, on: connection)
                )
            }
            let everyone = Open311Filter(all: false, numbers: nil, categories: nil, start: nil, end: nil, statuses: nil)
            let listed = try await repository.requests(everyone)
            #expect(listed.map(\.ticket.id) == [submitted.id])
            #expect(listed.first?.photo == client.id)
            var staffFilter = everyone
            staffFilter.all = true
            #expect(Set(try await repository.requests(staffFilter).map(\.ticket.id)) == [submitted.id, phoned.id])
            staffFilter.numbers = [phoned.number]
            #expect(try await repository.requests(staffFilter).map(\.ticket.id) == [phoned.id])
            var closed = everyone
            closed.statuses = ["closed"]
            #expect(try await repository.requests(closed).isEmpty)
            #expect(try await repository.request(submitted.number, all: false)?.photo == client.id)
            #expect(try await repository.request(phoned.number, all: false) == nil)
            #expect(try await repository.request(phoned.number, all: true)?.ticket.id == phoned.id)
            #expect(try await repository.ticket(submitted.id, all: false)?.number == submitted.number)
            #expect(try await repository.ticket(phoned.id, all: false) == nil)
            #expect(try await repository.media(client.id)?.bytes == bytes)
            #expect(try await repository.media(staff.id) == nil)
            #expect(try await repository.media("nope") == nil)
        }
    }

    @Test func knowledgeIsSavedSearchedAndImportedOnce() async throws {
        try await TestSchema.run { schema in
            let repository = PostgresKnowledgeRepository(pool: schema.pool, timeZone: Self.zone)
            let draft = KnowledgeDraft(
                title: "路灯报修", body: "路灯不亮请拨打12345，城管局24小时内修复。", answer: "城管局24小时内修复", categories: ["streetlight"],
                keywords: ["路灯"], department: "CG"
            )
            let saved = try await repository.save(draft, id: nil, by: "管理员", snapshot: schema.snapshot)
            #expect(saved.version == 1)
            #expect(saved.validToday)
            #expect(try await repository.owner(saved.id) == .some("CG"))
            #expect(try await repository.owner(UUID().uuidString) == nil)
            let hits = try await repository.search(KnowledgeQuery("路灯不亮怎么办"), limit: 5)
            #expect(hits.first?.id == saved.id)
            await #expect(throws: KnowledgeNotFound.self) {
                _ = try await repository.save(draft, id: UUID().uuidString, by: "管理员", snapshot: schema.snapshot)
            }
            let items: [(slug: String, draft: KnowledgeDraft)] = [("water", KnowledgeDraft(title: "停水查询", body: "停水请查看自来水公司公告。"))]
            #expect(try await repository.importArticles(items, by: "import-knowledge", snapshot: schema.snapshot) == 1)
            #expect(try await repository.importArticles(items, by: "import-knowledge", snapshot: schema.snapshot) == 0)
            #expect(try await repository.list(department: nil, limit: 10).count == 2)
            #expect(try await repository.list(department: "CG", limit: 10).map(\.id) == [saved.id])
            #expect(try await repository.delete(saved.id, by: "管理员"))
            #expect(try await repository.find(saved.id) == nil)
        }
    }
}
