import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// `/v1/stats`, `/v1/rankings` and `/v1/reports/*` on ``InMemoryStatistics``: who may read,
/// which parameters are refused (each named), and what the routes make of the figures read
/// (names, rates, totals, ranks, the CSV), without PostgreSQL.
@Suite struct StatisticsRouterTests {
    let fixture = IntakeRouterFixture()

    static func counts(_ key: String, received: Int, dispatched: Int, respondedOnTime: Int, rated: Int, satisfied: Int) -> TicketCounts {
        var counts = TicketCounts(key: key)
        (counts.received, counts.dispatched, counts.respondedOnTime, counts.resolved) = (received, dispatched, respondedOnTime, dispatched)
        (counts.rated, counts.satisfied, counts.answered) = (rated, satisfied, 1)
        return counts
    }

    @Test func statisticsAreForStaffAndTheScreen() async throws {
        let (department, grid, open311, screen) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.grid, grid: "620402001"),
            try await self.fixture.key(.open311), try await self.fixture.key(.screen)
        )
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .get, "/v1/stats")
            for key in [department, grid, open311] {
                try await client.expect(.forbidden, .get, "/v1/stats", key: key)
                try await client.expect(.forbidden, .get, "/v1/rankings", key: key)
                try await client.expect(.forbidden, .get, "/v1/reports/daily?date=2026-11-27", key: key)
            }
            try await client.expect(.ok, .get, "/v1/stats", key: screen)
            try await client.expect(.ok, .get, "/v1/rankings", key: screen)
            // A report prints free text of nobody, but it is the centre's paper: not the wall's.
            try await client.expect(.forbidden, .get, "/v1/reports/daily?date=2026-11-27", key: screen)
        }
        #expect(self.fixture.statistics.asked.map(\.kind).contains("stats"))
    }

    @Test func badStatisticsParametersAreEachNamed() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            let stats = try await client.call(.get, "/v1/stats?groupBy=community&from=yesterday&to=2026-13-01", key: operator_)
            #expect(stats.status == .badRequest)
            #expect(errorFields(stats.json) == ["groupBy", "from", "to"])
            let rankings = try await client.call(.get, "/v1/rankings?groupBy=grid", key: operator_)
            #expect(errorFields(rankings.json) == ["groupBy"])
            let backwards = try await client.call(.get, "/v1/rankings?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", key: operator_)
            #expect(backwards.status == .badRequest)
            #expect(errorFields(backwards.json) == ["to"])
            let households = try await client.call(.get, "/v1/stats/households?groupBy=department&coverageDays=0", key: operator_)
            #expect(errorFields(households.json) == ["groupBy", "coverageDays"])
        }
        #expect(self.fixture.statistics.asked.isEmpty)
    }

    @Test func statisticsNameTheGroupsAndDivideTheRates() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        self.fixture.statistics.set(
            [
                Self.counts("", received: 1, dispatched: 0, respondedOnTime: 0, rated: 0, satisfied: 0),
                Self.counts("620402", received: 4, dispatched: 4, respondedOnTime: 3, rated: 2, satisfied: 1),
            ],
            by: .street
        )
        var figures = HouseholdFigures()
        figures.households = 3
        self.fixture.statistics.set(households: ["620402001": figures])
        try await self.fixture.test { client in
            let answer = try await client.call(.get, "/v1/stats", key: operator_)
            #expect(answer.status == .ok)
            let groups = answer.json["groups"] as? [[String: Any]] ?? []
            #expect(groups.count == 2)
            let street = try #require(groups.last)
            #expect(street["name"] as? String != nil)
            #expect(street["responseRate"] as? Double == 0.75)
            #expect(street["satisfactionRate"] as? Double == 0.5)
            // A rate with nothing to divide by is null, not left out.
            #expect(groups.first?.keys.contains("responseRate") == true)
            #expect(groups.first?["responseRate"] is NSNull)
            let total = answer.json["total"] as? [String: Any] ?? [:]
            #expect(total["received"] as? Int == 5)
            #expect(total["answered"] as? Int == 2)
            let households = answer.json["households"] as? [String: Any] ?? [:]
            #expect((households["total"] as? [String: Any])?["households"] as? Int == 3)
            let department = try await client.call(.get, "/v1/stats?groupBy=department", key: operator_)
            #expect(department.json["households"] == nil)
        }
        // The default period is the 30 days up to now.
        let read = try #require(self.fixture.statistics.asked.first { $0.kind == "stats" })
        #expect(abs(read.to.timeIntervalSince(read.from) - 30 * 86_400) < 1)
        #expect(read.grouping == "street")
    }

    @Test func rankingsRankTheGroupsAgainstThePreviousPeriod() async throws {
        let admin = try await self.fixture.key(.admin)
        func figures(_ code: String, satisfied: Int) -> RankingFigures {
            var f = RankingFigures(code: code)
            (f.received, f.dispatched, f.respondedOnTime, f.resolved, f.resolvedOnTime, f.rated, f.satisfied) = (10, 10, 10, 10, 10, 10, satisfied)
            return f
        }
        self.fixture.statistics.set(
            current: [figures("CG", satisfied: 9), figures("SW", satisfied: 2)], previous: [figures("CG", satisfied: 1), figures("SW", satisfied: 9)],
            by: .department
        )
        try await self.fixture.test { client in
            let answer = try await client.call(.get, "/v1/rankings?groupBy=department&from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z", key: admin)
            #expect(answer.status == .ok)
            let rows = answer.json["rows"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["code"] as? String } == ["CG", "SW"])
            #expect(rows.map { $0["rank"] as? Int } == [1, 2])
            #expect(rows.map { $0["previousRank"] as? Int } == [2, 1])
            #expect(rows.first?["name"] as? String != nil)
            #expect(answer.json["previousFrom"] as? String == "2026-10-25T00:00:00.000Z")
        }
    }

    @Test func reportsRefuseABadPeriodOrFormatAndPrintTheFigures() async throws {
        let operator_ = try await self.fixture.key(.operator_)
        var total = RankingFigures(code: "total")
        total.received = 42
        self.fixture.statistics.set(
            report: ReportCounts(
                groups: ["total": [.init(key: "total", figures: total, resolvedAt: 7)], "bucket": [.init(key: "9", figures: total, resolvedAt: 7)]],
                roots: [SealedRoot(day: "2026-11-27", events: 3, root: String(repeating: "ab", count: 32))]
            )
        )
        try await self.fixture.test { client in
            let missing = try await client.call(.get, "/v1/reports/daily?format=pdf", key: operator_)
            #expect(missing.status == .badRequest)
            #expect(errorFields(missing.json) == ["format", "date"])
            let month = try await client.call(.get, "/v1/reports/monthly?month=2026-13", key: operator_)
            #expect(errorFields(month.json) == ["month"])
            let csv = try await client.execute(
                uri: "/v1/reports/daily?date=2026-11-27&format=csv", method: .get, headers: [.authorization: "Bearer \(operator_)"]
            )
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let text = String(decoding: csv.body.readableBytesView, as: UTF8.self)
            #expect(text.contains("42"))
            let html = try await client.execute(uri: "/v1/reports/monthly?month=2026-11", method: .get, headers: [.authorization: "Bearer \(operator_)"])
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(decoding: html.body.readableBytesView, as: UTF8.self).contains("<svg"))
        }
        // A local day of the business time zone, in hourly buckets; a month in daily ones.
        let reads = self.fixture.statistics.asked.filter { $0.kind == "report" }
        #expect(reads.map(\.grouping) == ["hourly", "daily"])
        #expect(reads.first.map { HotlineJSON.format($0.from) } == "2026-11-26T16:00:00.000Z")
        #expect(reads.last.map { abs($0.to.timeIntervalSince($0.from) - 30 * 86_400) < 1 } == true)
    }
}
