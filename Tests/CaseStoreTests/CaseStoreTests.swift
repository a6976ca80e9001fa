import CaseStore
import Foundation
import HotlineDomain
import Postgres
import Testing

/// CaseStore's operations on the real PostgreSQL, each test in a schema of its own: create,
/// route, reply, history, and the repositories' promises (idempotency, refusals) that the
/// in-memory twins copy.
@Suite struct CaseStoreTests {
    static func streetlight(phone: String = "13800000001") -> NewTicket {
        NewTicket(
            channel: .phone, callerName: "张三", callerPhone: phone, description: "路灯不亮了", requestedCategory: "streetlight",
            category: "streetlight", address: "水川镇1号", coordinate: nil, grid: "620402001", urgency: nil, major: nil, externalId: nil
        )
    }

    @Test func aTicketIsCreatedRoutedAnsweredAndItsHistoryKeptInOrder() async throws {
        try await TestSchema.run { schema in
            let store = CaseStore(timeZone: WorkingCalendar.chinaTimeZone)
            let snapshot = schema.snapshot
            let created = try await schema.pool.transaction { try store.create(Self.streetlight(), promisedBy: nil, on: $0) }
            #expect(created.status == .received)
            #expect(created.number.hasPrefix("12345-"))
            #expect(created.version >= 1)

            let routed = try await schema.pool.transaction { try store.route(created.id, using: snapshot, on: $0) }
            #expect(routed)
            let assigned = try #require(try await schema.pool.withConnection { try store.find(created.id, on: $0) })
            #expect(assigned.status == .assigned)
            let lead = try #require(assigned.routing?.departments.first { $0.role == .lead }?.code ?? assigned.routing?.community)
            // Routing twice changes nothing: the ticket is no longer received.
            #expect(try await schema.pool.transaction { try store.route(created.id, using: snapshot, on: $0) } == false)

            let stranger = assigned.routing?.departments.contains { $0.code == "ZJ" } == true ? "SW" : "ZJ"
            await #expect(throws: CaseError.self) {
                try await schema.pool.transaction { try store.reply(created.id, action: .accept, actor: stranger, note: nil, using: snapshot, on: $0) }
            }
            let accepted = try await schema.pool.transaction {
                try store.reply(created.id, action: .accept, actor: lead, note: "收到", using: snapshot, on: $0)
            }
            #expect(accepted.status == .accepted)
            #expect(accepted.version > assigned.version)
            let resolved = try await schema.pool.transaction {
                try store.reply(created.id, action: .resolve, actor: lead, note: "已修复", using: snapshot, on: $0)
            }
            #expect(resolved.status == .resolved)

            let read = try #require(try await schema.pool.withConnection { try store.find(created.number, withHistory: true, on: $0) })
            let types = (read.history ?? []).map(\.type)
            #expect(types.first == EventType.ticketReceived.rawValue)
            let order = [EventType.ticketReceived, .ticketAssigned, .ticketAccepted, .ticketResolved].map(\.rawValue)
            #expect(order.compactMap { types.firstIndex(of: $0) } == order.compactMap { types.firstIndex(of: $0) }.sorted())
            #expect(order.allSatisfy(types.contains))
        }
    }

    @Test func theTicketRepositoryReplaysAnIdempotencyKeyAndRefusesItsReuse() async throws {
        try await TestSchema.run { schema in
            let repository = PostgresTicketRepository(pool: schema.pool, store: CaseStore(timeZone: WorkingCalendar.chinaTimeZone))
            let apiKey = UUID().uuidString.lowercased()
            let key = IdempotencyKey(apiKeyId: apiKey, key: "k-1", requestHash: "h1")
            let first = try await repository.create(Self.streetlight(), promisedBy: nil, idempotency: key)
            #expect(!first.replayed)
            let again = try await repository.create(Self.streetlight(), promisedBy: nil, idempotency: key)
            #expect(again.replayed)
            #expect(again.ticket.id == first.ticket.id)
            await #expect(throws: CaseError.self) {
                _ = try await repository.create(Self.streetlight(), promisedBy: nil, idempotency: IdempotencyKey(apiKeyId: apiKey, key: "k-1", requestHash: "h2"))
            }
            let grouped = try await repository.create(Self.streetlight(phone: "13800000002"), promisedBy: nil)
            let page = try await repository.list(TicketFilter())
            #expect(Set(page.tickets.map(\.id)) == [first.ticket.id, grouped.id])
            #expect(try await repository.find(grouped.number)?.ticket.id == grouped.id)
            #expect(try await repository.find(UUID().uuidString) == nil)
        }
    }

    /// The in-memory twin refuses what the store refuses: the router tests' 404 and 409 stand
    /// for the real ones.
    @Test func theTwinRefusesAsTheStoreDoes() async throws {
        try await TestSchema.run { schema in
            let snapshot = schema.snapshot
            let repositories: [any TicketRepository] = [
                PostgresTicketRepository(pool: schema.pool, store: CaseStore(timeZone: WorkingCalendar.chinaTimeZone)), InMemoryCases(),
            ]
            for repository in repositories {
                let ticket = try await repository.create(Self.streetlight(), promisedBy: nil)
                await #expect(throws: CaseError.self) { _ = try await repository.rate(ticket.id, score: .satisfied, reason: nil, source: "operator", using: snapshot) }
                #expect(try await repository.cancel(ticket.id, reason: "重复", by: "op").status == .cancelled)
                await #expect(throws: CaseError.self) { _ = try await repository.cancel(ticket.id, reason: nil, by: "op") }
                await #expect(throws: CaseError.self) { _ = try await repository.cancel(UUID().uuidString, reason: nil, by: "op") }
            }
        }
    }
}
