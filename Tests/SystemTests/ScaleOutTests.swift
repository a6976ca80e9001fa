import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// More than one instance of a service: competing consumers, shared outbox, per-instance limits,
/// graceful shutdown.
@Suite(.serialized) struct ScaleOutTests {
    @Test func twoDispatchersRouteEveryTicketExactlyOnce() async throws {
        let stack = try Stack.load()
        let second = try await ExtraInstance.start(stack, "dispatcher", port: 18_181)
        var ids: [String] = []
        for _ in 0..<40 {
            let (status, created) = try await stack.createTicket(demoTicket())
            #expect(status == 201)
            if let id = created["id"] as? String { ids.append(id) }
        }
        for id in ids {
            _ = try await stack.waitForTicket(id) { $0["status"] as? String != "received" }
        }
        // SIGTERM: the instance drains and exits cleanly.
        #expect(second.stop() == 0)
        for id in ids {
            let types = try await stack.historyTypes(id)
            #expect(types.filter { $0 == "ticket.assigned" }.count == 1, "ticket \(id) routed once: \(types)")
        }
        let received = try await stack.sql(
            "SELECT count(*) AS n FROM inbox WHERE consumer = 'dispatcher.events' AND message_id IN (SELECT event_id::text FROM outbox WHERE ticket_id = ANY($1::uuid[]) AND message_type = 'ticket.received')",
            ["{\(ids.joined(separator: ","))}"]
        )
        #expect(try received[0].decode("n", as: Int.self) == ids.count)
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        let stack = try Stack.load()
        let limited = try await ExtraInstance.start(stack, "intake", port: 18_180, environment: ["API_RATE_LIMIT": "5"])
        defer { limited.stop() }
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<8 {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:18180/v1/tickets?limit=1")!)
            request.setValue("Bearer \(stack["OPERATOR_KEY"])", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            let http = response as? HTTPURLResponse
            statuses.append(http?.statusCode ?? 0)
            if http?.statusCode == 429 { retryAfter = http?.value(forHTTPHeaderField: "Retry-After") }
        }
        #expect(statuses.prefix(5).allSatisfy { $0 == 200 })
        #expect(statuses.suffix(3).allSatisfy { $0 == 429 })
        #expect(Int(retryAfter ?? "") ?? 0 >= 1)
    }
}
