import CaseStore
import Foundation
import HotlineDomain
import Postgres
import Testing

/// The PostgreSQL implementations of intake's read repositories (statistics, rankings, reports,
/// the screen, the console, what-if, supervision) on a schema of their own with a few routed
/// tickets: their main queries answer what the tickets hold.
@Suite struct ReadRepositoriesTests {
    static let zone = WorkingCalendar.chinaTimeZone

    /// Two tickets created and routed (one still received is not).
    static func tickets(_ schema: TestSchema) async throws -> [Ticket] {
        let store = CaseStore(timeZone: Self.zone)
        var tickets: [Ticket] = []
        for phone in ["13800000001", "13800000002"] {
            let created = try await schema.pool.transaction { try store.create(CaseStoreTests.streetlight(phone: phone), promisedBy: nil, on: $0) }
            _ = try await schema.pool.transaction { try store.route(created.id, using: schema.snapshot, on: $0) }
            tickets.append(try #require(try await schema.pool.withConnection { try store.find(created.id, on: $0) }))
        }
        return tickets
    }

    @Test func statisticsCountTheTicketsOfThePeriodByGroup() async throws {
        try await TestSchema.run { schema in
            let tickets = try await Self.tickets(schema)
            let reader = PostgresStatisticsReader(pool: schema.pool)
            let (from, to) = (Date().addingTimeInterval(-3600), Date().addingTimeInterval(3600))
            let byGrid = try await reader.ticketCounts(groupBy: .grid, from: from, to: to)
            #expect(byGrid.map(\.key) == ["620402001"])
            #expect(byGrid.first?.received == 2)
            #expect(byGrid.first?.dispatched == tickets.filter { $0.status == .assigned }.count)
            #expect(try await reader.ticketCounts(groupBy: .street, from: to, to: to.addingTimeInterval(60)).isEmpty)

            let rankings = try await reader.rankingFigures(groupBy: .street, from: from, to: to, previousFrom: from.addingTimeInterval(-7200))
            #expect(rankings.current.map(\.received) == [2])
            #expect(rankings.previous.isEmpty)

            let report = try await reader.reportCounts(hourly: true, from: from, to: to, zone: Self.zone)
            #expect(report.groups["total"]?.first?.figures.received == 2)
            #expect(report.groups["grid"]?.map(\.key) == ["620402001"])
            #expect(report.groups["bucket"]?.reduce(0) { $0 + $1.figures.received } == 2)
            #expect(report.roots.isEmpty)
            // A period without tickets: a grand total of zeros, not a decoding error.
            let empty = try await reader.reportCounts(hourly: false, from: to, to: to.addingTimeInterval(86_400), zone: Self.zone)
            #expect(empty.groups["total"]?.first?.figures.received == 0)

            let households = try await reader.householdFigures(from: from, to: to, coverageDays: 30, year: 2026)
            #expect(households.isEmpty)
        }
    }

    @Test func theScreenAndTheConsoleReadTheOpenTickets() async throws {
        try await TestSchema.run { schema in
            let tickets = try await Self.tickets(schema)
            let now = Date()
            let screen = try await PostgresScreenReader(pool: schema.pool).screen(
                today: DateInterval(start: now.addingTimeInterval(-3600), end: now.addingTimeInterval(3600)), clusterSize: 2
            )
            #expect(screen.grids.map(\.grid) == ["620402001"])
            #expect(screen.grids.first?.open == 2)
            #expect(screen.alerts.contains { $0.kind == "cluster" && $0.count == 2 && $0.category == "streetlight" })
            #expect(screen.topCategories.first == .init(code: "streetlight", count: 2))
            #expect(screen.overdueByLevel["community"] == 0)
            #expect(screen.historyRoot == nil)

            let console = PostgresConsoleReader(pool: schema.pool, store: CaseStore(timeZone: Self.zone))
            let counts = try await console.queueCounts([.grid("620402001")])
            #expect(counts.total == 2)
            #expect(try await console.queueCounts([.grid("620402001"), .street("nowhere")]).total == 0)
            #expect(try await console.messages(ofTicket: tickets[0].number) == [])
            #expect(try await console.messages(ofTicket: UUID().uuidString.lowercased()) == nil)
        }
    }

    @Test func versionsWhatIfAndSupervisionRunOnTheStore() async throws {
        try await TestSchema.run { schema in
            let tickets = try await Self.tickets(schema)
            let replay = PostgresJurisdictionReplay(pool: schema.pool, timeZone: Self.zone)
            let versions = try await replay.versions()
            #expect(versions.count == 1)
            #expect(versions.first?.current == true)
            let (report, grids) = try await replay.whatIf(proposed: schema.snapshot.jurisdiction, since: ISODuration(days: 1), sampleLimit: 10)
            #expect(report.replayed == 2)
            #expect(report.changedTickets == 0)
            #expect(grids.count == schema.snapshot.jurisdiction.grids.count)

            let supervision = PostgresSupervisionRepository(pool: schema.pool, store: CaseStore(timeZone: Self.zone))
            let live = try #require(tickets.first { $0.status == .assigned })
            let until = Date().addingTimeInterval(60 * 86_400)
            let asked = try await supervision.requestExtension(live.id, until: until, reason: "需采购配件", by: "op", party: nil)
            #expect(asked.extensionRequest?.status == .pending)
            let approved = try await supervision.decideExtension(live.id, approve: true, note: nil, by: "op")
            #expect(approved.deadlines.resolveBy.map { abs($0.timeIntervalSince(until)) < 1 } == true)
            await #expect(throws: CaseError.self) { try await supervision.verifyRating(live.id, score: .satisfied, note: nil, by: "op") }
        }
    }
}
