import Foundation
import HotlineDomain
import Testing

/// `GET /v1/rankings` against figures computed by hand: tickets written straight into a
/// period of their own (a random ten days long ago, so no other test's tickets fall in it).
@Suite struct RankingsTests {
    @Test func rankingsMatchTheHandComputedFigures() async throws {
        let stack = try Stack.load()
        let start = Date(timeIntervalSince1970: Double(Int.random(in: 0..<40_000)) * 86_400 * 0.25 + 631_152_000)
        let day = 86_400.0
        let from = start
        let to = start.addingTimeInterval(10 * day)
        let tag = UUID().uuidString.prefix(8)
        let a = "RA-\(tag)"
        let b = "RB-\(tag)"
        func at(_ d: Double) -> String { HotlineJSON.format(start.addingTimeInterval(d * day)) }
        func row(_ street: String, _ created: Double, _ assigned: Double?, _ respondBy: Double, _ responded: Double?, _ resolveBy: Double,
                 _ resolved: Double?, _ rating: Int?, returns: Int = 0) async throws {
            try await stack.sql(
                """
                INSERT INTO tickets (id, number, status, channel, description, created_at, updated_at, street, assigned_at,
                    respond_by, responded_at, resolve_by, resolved_at, rating, return_count)
                VALUES ($1::uuid, $2, 'closed', 'phone', 'rankings fixture', $3::timestamptz, $3::timestamptz, $4,
                    NULLIF($5, '')::timestamptz, $6::timestamptz, NULLIF($7, '')::timestamptz, $8::timestamptz,
                    NULLIF($9, '')::timestamptz, NULLIF($10, '')::int, $11::int)
                """,
                [UUID().uuidString, "R-\(UUID().uuidString)", at(created), street, assigned.map(at) ?? "", at(respondBy),
                 responded.map(at) ?? "", at(resolveBy), resolved.map(at) ?? "", rating.map(String.init) ?? "", String(returns)]
            )
        }
        // Street A: on time and satisfied (returned once on the way); responded late, resolved on
        // day 6 within an approved extension to day 7 (the stored resolve-by), dissatisfied; never dispatched.
        try await row(a, 1, 1, 2, 1.5, 4, 3, 1, returns: 1)
        try await row(a, 1, 1, 2, 2.5, 7, 6, 3)
        try await row(a, 2, nil, 3, nil, 6, nil, nil)
        // Street B: on time and satisfied; responded on time, not resolved, not rated.
        try await row(b, 1, 1, 2, 1.2, 4, 2, 1)
        try await row(b, 3, 3, 4, 3.5, 8, nil, nil)
        // The period before: A perfect, B dispatched and nothing else.
        try await row(a, -5, -5, -4, -4.5, -2, -3, 1)
        try await row(b, -5, -5, -4, nil, -2, nil, nil)

        let url = stack["INTAKE_URL"] + "/v1/rankings?groupBy=street&from=\(HotlineJSON.format(from))&to=\(HotlineJSON.format(to))"
        let (status, json) = try await stack.http("GET", url, key: stack["OPERATOR_KEY"])
        #expect(status == 200)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["code"] as? String } == [b, a])
        let ra = try #require(rows.first { $0["code"] as? String == a })
        let rb = try #require(rows.first { $0["code"] as? String == b })
        // A: received 3, dispatched 2, responded on time 1, resolved 2 (both on time), rated 2, satisfied 1:
        // 0.5, 1, 0.5 -> 100 × (0.2 × 0.5 + 0.4 × 1 + 0.4 × 0.5) = 70.
        #expect(ra["received"] as? Int == 3)
        #expect(ra["responseRate"] as? Double == 0.5)
        #expect(ra["resolutionRate"] as? Double == 1)
        #expect(ra["satisfactionRate"] as? Double == 0.5)
        #expect(ra["resolvedOnTime"] as? Int == 2)
        #expect(ra["returns"] as? Int == 1)
        #expect(ra["score"] as? Double == 70)
        #expect(ra["rank"] as? Int == 2)
        #expect(ra["previousRank"] as? Int == 1)
        // B: received 2, dispatched 2, responded on time 2, resolved 1, rated 1, satisfied 1:
        // 1, 0.5, 1 -> 100 × (0.2 + 0.2 + 0.4) = 80.
        #expect(rb["received"] as? Int == 2)
        #expect(rb["responseRate"] as? Double == 1)
        #expect(rb["resolutionRate"] as? Double == 0.5)
        #expect(rb["satisfactionRate"] as? Double == 1)
        #expect(rb["score"] as? Double == 80)
        #expect(rb["rank"] as? Int == 1)
        #expect(rb["previousRank"] as? Int == 2)

        let bad = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/rankings?groupBy=grid&from=yesterday", key: stack["OPERATOR_KEY"])
        #expect(bad.status == 400)
        let fields = ((bad.json["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(Set(fields) == ["groupBy", "from"])
        #expect(try await stack.http("GET", url, key: try await stack.departmentKey("CG")).status == 403)
    }
}
