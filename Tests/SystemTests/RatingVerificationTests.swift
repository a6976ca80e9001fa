import Foundation
import HotlineDomain
import Testing

/// 回访复核: the follow-up call's verified rating is kept beside the resident's own, written to
/// the history, and counted by the rankings in place of the resident's score. Tickets written
/// straight into a street and a period of their own.
@Suite struct RatingVerificationTests {
    @Test func theVerifiedRatingStandsBesideTheResidentsAndCounts() async throws {
        let stack = try Stack.load()
        let start = Date(timeIntervalSince1970: Double(Int.random(in: 0..<40_000)) * 86_400 * 0.25 - 2_000_000_000)
        let street = "RV-\(UUID().uuidString.prefix(8))"
        func ticket(_ rating: Int?) async throws -> String {
            let id = UUID().uuidString.lowercased()
            try await stack.sql(
                """
                INSERT INTO tickets (id, number, status, channel, description, created_at, updated_at, street, assigned_at,
                    respond_by, responded_at, resolve_by, resolved_at, rating, rated_at, rating_source)
                VALUES ($1::uuid, $2, $3, 'phone', 'verification fixture', $4::timestamptz, $4::timestamptz, $5, $4::timestamptz,
                    $4::timestamptz + interval '1 day', $4::timestamptz, $4::timestamptz + interval '3 days', $4::timestamptz + interval '1 day',
                    NULLIF($6, '')::int, CASE WHEN $6 = '' THEN NULL ELSE $4::timestamptz + interval '2 days' END, CASE WHEN $6 = '' THEN NULL ELSE 'sms' END)
                """,
                [id, "V-\(UUID().uuidString)", rating == nil ? "resolved" : "closed", HotlineJSON.format(start.addingTimeInterval(3_600)), street,
                 rating.map(String.init) ?? ""]
            )
            return id
        }
        let dissatisfied = try await ticket(3)
        _ = try await ticket(1)
        let unrated = try await ticket(nil)
        let intake = stack["INTAKE_URL"]
        let key = stack["OPERATOR_KEY"]
        let rankings = intake + "/v1/rankings?groupBy=street&from=\(HotlineJSON.format(start))&to=\(HotlineJSON.format(start.addingTimeInterval(86_400)))"
        func satisfaction() async throws -> Double? {
            let rows = try await stack.http("GET", rankings, key: key).json["rows"] as? [[String: Any]] ?? []
            return rows.first { $0["code"] as? String == street }?["satisfactionRate"] as? Double
        }
        #expect(try await satisfaction() == 0.5)

        // The call finds the resident satisfied after all: both ratings shown, the verified one counted.
        let url = intake + "/v1/tickets/\(dissatisfied)/rating/verify"
        let (status, verified) = try await stack.http("POST", url, json: ["score": 1, "note": "回访核实：路灯已修复，居民表示满意"], key: key)
        #expect(status == 200, "\(verified)")
        #expect((verified["rating"] as? [String: Any])?["score"] as? Int == 3)
        #expect((verified["rating"] as? [String: Any])?["source"] as? String == "sms")
        let record = try #require(verified["verifiedRating"] as? [String: Any])
        #expect(record["score"] as? Int == 1)
        #expect(record["note"] as? String == "回访核实：路灯已修复，居民表示满意")
        #expect(record["by"] as? String != nil && record["at"] as? String != nil)
        #expect(verified["status"] as? String == "closed")
        let history = try await stack.ticket(dissatisfied)["history"] as? [[String: Any]] ?? []
        let visit = try #require(history.last { $0["type"] as? String == "ticket.visited" }?["data"] as? [String: Any])
        #expect(visit["residentScore"] as? Int == 3)
        #expect(visit["verifiedScore"] as? Int == 1)
        #expect(try await satisfaction() == 1)

        // Nothing to verify before the resident rated; bad input; other roles; unknown tickets.
        let early = try await stack.http("POST", intake + "/v1/tickets/\(unrated)/rating/verify", json: ["score": 2], key: key)
        #expect(early.status == 409)
        #expect((early.json["error"] as? [String: Any])?["code"] as? String == "not_rated")
        #expect(try await stack.http("POST", url, json: ["score": 4], key: key).status == 400)
        #expect(try await stack.http("POST", url, json: ["score": 1, "note": String(repeating: "长", count: 501)], key: key).status == 400)
        #expect(try await stack.http("POST", url, json: ["score": 1], key: try await stack.departmentKey("CG")).status == 403)
        #expect(try await stack.http("POST", intake + "/v1/tickets/\(UUID().uuidString)/rating/verify", json: ["score": 1], key: key).status == 404)
        // Unverified tickets show no verified rating.
        #expect(try await stack.ticket(unrated)["verifiedRating"] is NSNull)
    }
}
