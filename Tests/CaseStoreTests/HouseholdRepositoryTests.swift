import CaseStore
import Foundation
import HotlineDomain
import Postgres
import Testing

/// ``PostgresHouseholdRepository`` on a schema of its own: lists and reads are recorded in the
/// audit tables in their transaction, other grids' households are not there, a visit opens its
/// ticket at the household.
@Suite struct HouseholdRepositoryTests {
    @Test func listsReadsUpdatesAndVisitsKeepTheirRecords() async throws {
        try await TestSchema.run { schema in
            let zone = WorkingCalendar.chinaTimeZone
            let store = HouseholdStore(timeZone: zone)
            let rules = schema.snapshot.jurisdiction.catalog.householdRules
            let h1 = Household(code: "H1", address: "水川镇1号", grid: "620402001", members: [.init(name: "李奶奶", phone: "13900001111", birthYear: 1940, flags: [.alone])])
            let h2 = Household(code: "H2", address: "东岗2号", grid: "620402003", members: [.init(name: "王五")])
            _ = try await schema.pool.transaction { try store.importHouseholds([h1, h2], rules: rules, actor: "test", on: $0) }
            let repository = PostgresHouseholdRepository(pool: schema.pool, store: CaseStore(timeZone: zone), households: store)
            let reader = HouseholdReader(name: "网格员", role: "grid", keyId: nil)

            let mine = try await repository.list(.init(grids: ["620402001"]), by: reader, action: "list", audit: ["scope": "620402001"])
            #expect(mine.map(\.household.code) == ["H1"])
            let byPhone = try await repository.list(.init(phone: "13900001111"), by: reader, action: "phone", audit: [:])
            #expect(byPhone.map(\.household.code) == ["H1"])
            let searches = try await schema.pool.withConnection { try $0.query("SELECT action, rows FROM household_searches ORDER BY id") }
            #expect(try searches.map { try $0.decode("rows", as: Int.self) } == [1, 1])

            #expect(try await repository.file("H2", within: ["620402001"], by: reader) == nil)
            let file = try #require(try await repository.file("H1", within: ["620402001"], by: reader))
            #expect(file.record.household.members.first?.phone == "13900001111")
            #expect(try await repository.reads(of: "H1")?.count == 1)
            #expect(try await repository.reads(of: "NOPE") == nil)
            #expect(try await repository.colour("H1", by: HouseholdReader(name: "CG", role: "department", keyId: nil)) == file.record.colour)

            var moved = h1
            moved.grid = "620402003"
            await #expect(throws: HouseholdOutsideGrids.self) { try await repository.update(moved, rules: rules, within: ["620402001"], by: "网格员") }
            #expect(try await repository.update(h2, rules: rules, within: ["620402001"], by: "网格员") == nil)

            let visit = HouseholdVisitReport(
                visitor: "网格员", visitedAt: Date(), findings: "楼道灯坏了", ticket: .init(description: "楼道灯坏了", category: nil, urgency: nil, major: nil)
            )
            let (recorded, ticket) = try #require(try await repository.visit("H1", visit, within: ["620402001"], recordedBy: "网格员"))
            #expect(recorded.ticketId == ticket?.id)
            let after = try #require(try await repository.file("H1", within: nil, by: reader))
            #expect(after.tickets.map(\.id) == [ticket?.id].compactMap { $0 })
            #expect(after.visits.count == 1)
            #expect(after.history.map(\.action).contains("visited"))
            #expect(try await repository.export(by: "admin").map(\.code) == ["H1", "H2"])
        }
    }
}
