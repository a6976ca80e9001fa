import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The API endpoints the web UI adds (the pages themselves are tested in a browser by
/// Tests/ui/test_ui.py): who am I, the catalog and the grids' shapes, suggestions, the queue's
/// counts and deadline order, a ticket's SMS and the big screen's snapshot.
@Suite struct WebUIAPITests {
    @Test func sessionCatalogAndSuggestions() async throws {
        let stack = try Stack.load()
        let base = stack["INTAKE_URL"]
        let (_, me) = try await stack.http("GET", base + "/v1/me", key: stack["OPERATOR_KEY"])
        #expect(me["role"] as? String == "operator")
        let department = try await stack.departmentKey("CG")
        let (_, dept) = try await stack.http("GET", base + "/v1/me", key: department)
        #expect(dept["role"] as? String == "department" && dept["department"] as? String == "CG")
        let (unauthorized, _) = try await stack.http("GET", base + "/v1/me", key: "hk_nope")
        #expect(unauthorized == 401)

        let text = "金岸路东段路灯不亮".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        let (_, classified) = try await stack.http("GET", base + "/v1/classify?text=\(text)", key: stack["OPERATOR_KEY"])
        #expect((classified["category"] as? [String: Any])?["code"] as? String == "streetlight")
        let (_, none) = try await stack.http("GET", base + "/v1/classify?text=hello", key: stack["OPERATOR_KEY"])
        #expect(none["category"] is NSNull)

        let q = "水川花园3号楼".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        let (_, places) = try await stack.http("GET", base + "/v1/jurisdiction/places?q=\(q)", key: stack["OPERATOR_KEY"])
        let first = (places["places"] as? [[String: Any]])?.first
        #expect(first?["alias"] as? String == "水川花园", "the alias found inside the address comes first")

        let (_, summary) = try await stack.http("GET", base + "/v1/jurisdiction", key: stack["OPERATOR_KEY"])
        let grids = summary["grids"] as? [[String: Any]] ?? []
        #expect(!grids.isEmpty && !(summary["categories"] as? [Any] ?? []).isEmpty)

        var request = URLRequest(url: URL(string: base + "/v1/jurisdiction/grids")!)
        request.setValue("Bearer \(stack["OPERATOR_KEY"])", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        let geojson = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(geojson["type"] as? String == "FeatureCollection")
        #expect((geojson["features"] as? [Any])?.count == grids.count)
        #expect(!String(decoding: data, as: UTF8.self).contains("phone"), "no worker or secretary phones in the map data")
    }

    @Test func queueByDeadlineWithCountsAndMessages() async throws {
        let stack = try Stack.load()
        let base = stack["INTAKE_URL"]
        let since = HotlineDates.format(Date().addingTimeInterval(-1))
        var ids: [String] = []
        for _ in 0..<3 {
            let (_, ticket) = try await stack.createTicket(demoTicket())
            ids.append(try #require(ticket["id"] as? String))
        }
        for id in ids { _ = try await stack.waitForTicket(id) { $0["status"] as? String != "received" } }

        var seen: [String] = []
        var deadlines: [String] = []
        var cursor: String?
        repeat {
            let url = base + "/v1/tickets?status=assigned&sort=deadline&limit=2&from=\(since)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let (status, page) = try await stack.http("GET", url, key: stack["OPERATOR_KEY"])
            #expect(status == 200)
            for ticket in page["tickets"] as? [[String: Any]] ?? [] {
                seen.append(ticket["id"] as? String ?? "")
                deadlines.append(((ticket["deadlines"] as? [String: Any])?["resolveBy"] as? String) ?? "~")
            }
            cursor = page["nextCursor"] as? String
        } while cursor != nil && seen.count < 2_000
        // Other tests change their tickets meanwhile (a reopened one moves past the cursor and may
        // show again); these three stay as they are, so each shows exactly once.
        for id in ids { #expect(seen.filter { $0 == id }.count == 1, "ticket \(id) on exactly one page") }
        let dates = deadlines.map { HotlineDates.parse($0) ?? .distantFuture }
        #expect(dates == dates.sorted(), "soonest resolve-by first, across pages too")

        let (_, counts) = try await stack.http("GET", base + "/v1/counts", key: stack["OPERATOR_KEY"])
        let byStatus = counts["status"] as? [String: Int] ?? [:]
        #expect(byStatus.values.reduce(0, +) == counts["total"] as? Int)
        #expect((byStatus["assigned"] ?? 0) >= 3)
        let (bad, _) = try await stack.http("GET", base + "/v1/tickets?overdue=maybe", key: stack["OPERATOR_KEY"])
        #expect(bad == 400)

        // The notifier plans the receipt from ticket.received: wait for it to show.
        var list: [[String: Any]] = []
        for _ in 0..<75 where list.isEmpty {
            let (_, messages) = try await stack.http("GET", base + "/v1/tickets/\(ids[0])/messages", key: stack["OPERATOR_KEY"])
            list = messages["messages"] as? [[String: Any]] ?? []
            if list.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(list.contains { $0["kind"] as? String == "receipt" })
        #expect(list.allSatisfy { ($0["recipient"] as? String)?.contains("*") == true }, "phones are masked")

        let (_, screen) = try await stack.http("GET", base + "/v1/screen", key: stack["OPERATOR_KEY"])
        #expect((screen["grids"] as? [[String: Any]])?.isEmpty == false)
        #expect((screen["latest"] as? [[String: Any]])?.isEmpty == false)
        #expect(screen["today"] is [String: Any] && screen["yesterday"] is [String: Any])
        let department = try await stack.departmentKey("CG")
        let (forbidden, _) = try await stack.http("GET", base + "/v1/screen", key: department)
        #expect(forbidden == 403)
    }
}

/// ISO 8601 with or without fractional seconds, as the API writes dates.
enum HotlineDates {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }


    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
