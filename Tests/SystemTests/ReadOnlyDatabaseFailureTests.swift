import Foundation
import Postgres
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A read-only database during a load of tickets (issue 14, point 8): intake answers 503 with
/// Retry-After while it lasts and `/readyz` goes false; consumers hold their batches; afterwards
/// every accepted ticket is routed, none is lost and nothing is dead-lettered.
@Suite(.serialized) struct ReadOnlyDatabaseFailureTests {
    @Test func readOnlyDatabaseHoldsEverythingAndLosesNothing() async throws {
        let stack = try Stack.load()
        let deadBefore = try await self.deadLettered(stack)
        let database = URL(string: stack["DATABASE_URL"])!.lastPathComponent

        // A steady load: one ticket every 50 ms for 12 s; 503s are counted, not retried.
        let load = Task { () -> (accepted: [String], refused: Int, retryAfter: Bool) in
            var accepted: [String] = []
            var refused = 0
            var retryAfter = true
            let end = Date().addingTimeInterval(12)
            while Date() < end {
                var request = URLRequest(url: URL(string: stack["INTAKE_URL"] + "/v1/tickets")!)
                request.httpMethod = "POST"
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.setValue("Bearer \(stack["OPERATOR_KEY"])", forHTTPHeaderField: "Authorization")
                request.httpBody = try JSONSerialization.data(withJSONObject: demoTicket())
                request.timeoutInterval = 20
                let (data, response) = try await URLSession.shared.data(for: request)
                let http = response as! HTTPURLResponse
                if http.statusCode == 201, let id = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["id"] as? String {
                    accepted.append(id)
                } else {
                    #expect(http.statusCode == 503, "status \(http.statusCode)")
                    refused += 1
                    if http.value(forHTTPHeaderField: "Retry-After") == nil { retryAfter = false }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return (accepted, refused, retryAfter)
        }

        try await Task.sleep(for: .seconds(2))
        try await self.admin(stack, [
            "ALTER DATABASE \(database) SET default_transaction_read_only = on",
            // Sessions keep the default they started with: make every service reconnect.
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        ])
        var sawNotReady = false
        let readOnlyUntil = Date().addingTimeInterval(5)
        while Date() < readOnlyUntil {
            if let (status, _) = try? await stack.http("GET", stack["INTAKE_URL"] + "/readyz"), status != 200 { sawNotReady = true }
            try await Task.sleep(for: .milliseconds(250))
        }
        try await self.admin(stack, [
            "SET default_transaction_read_only = off",
            "ALTER DATABASE \(database) SET default_transaction_read_only = off",
        ])
        let (accepted, refused, retryAfter) = try await load.value

        print("read-only database: \(accepted.count) tickets accepted, \(refused) answered 503")
        #expect(refused > 0, "intake never answered 503 while the database was read-only")
        #expect(retryAfter, "a 503 without Retry-After")
        #expect(sawNotReady, "intake /readyz stayed true while the database was read-only")
        #expect(accepted.count > 20)

        // Every accepted ticket is routed (the consumers held their batches, then applied them).
        let deadline = Date().addingTimeInterval(60)
        var waiting = accepted
        while !waiting.isEmpty, Date() < deadline {
            let rows = try await stack.sql(
                "SELECT id::text AS id FROM tickets WHERE id = ANY($1::uuid[]) AND status = 'received'", ["{" + waiting.joined(separator: ",") + "}"]
            )
            waiting = try rows.map { try $0.decode("id", as: String.self) }
            if !waiting.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(waiting.isEmpty, "\(waiting.count) of \(accepted.count) tickets never routed")
        let stored = try await stack.sql("SELECT count(*)::text AS n FROM tickets WHERE id = ANY($1::uuid[])", ["{" + accepted.joined(separator: ",") + "}"])
        #expect(try stored.first?.decode("n", as: String.self) == String(accepted.count))
        #expect(try await self.deadLettered(stack) == deadBefore, "good messages were dead-lettered")
        // Ready again.
        var ready = false
        for _ in 0..<60 where !ready {
            ready = (try? await stack.http("GET", stack["INTAKE_URL"] + "/readyz"))?.status == 200
            if !ready { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(ready)
    }

    /// Runs statements in order on one session of the stack's database.
    private func admin(_ stack: Stack, _ statements: [String]) async throws {
        let pool = PostgresPool(url: stack["DATABASE_URL"], size: 1, logger: .init(label: "system-tests"))
        _ = try await pool.withConnection { connection in
            for statement in statements { _ = try connection.query(statement) }
        }
        await pool.shutdown()
    }

    /// Messages dead-lettered so far by the dispatcher and the notifier (their `/metrics`), and
    /// waiting in the dead-letter queues.
    private func deadLettered(_ stack: Stack) async throws -> Double {
        var total = 0.0
        for url in [stack["DISPATCHER_URL"], stack["NOTIFIER_URL"]] {
            var request = URLRequest(url: URL(string: url + "/metrics")!)
            request.timeoutInterval = 10
            let (data, _) = try await URLSession.shared.data(for: request)
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("hotline_messages_dead_lettered_total") {
                total += Double(line.split(separator: " ").last ?? "0") ?? 0
            }
        }
        return total
    }
}
