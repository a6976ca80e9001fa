import Foundation
import Postgres
import Testing
import TestSupport

/// Retention (issue 14, point 7): tickets closed longer than `RETENTION_CALLER` ago lose their
/// caller's name and phone everywhere in the database, keep their case, history and statistics.
// Serialized: the lock test's own purge would otherwise erase the first test's aged caller
// before that test's purge counts it.
@Suite(.serialized) struct RetentionTests {
    @Test func purgeErasesOldCallersEverywhereAndKeepsTheCase() async throws {
        let stack = try Stack.load()
        let phone = "135" + String(format: "%08d", Int.random(in: 0..<100_000_000))
        let name = "留存" + ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"].shuffled().prefix(3).joined()
        let (status, created) = try await stack.createTicket(
            demoTicket("金岸路东段门前路灯不亮，请联系我 \(phone)", extra: ["caller": ["name": name, "phone": phone]])
        )
        try #require(status == 201)
        let id = try #require(created["id"] as? String)
        let number = try #require(created["number"] as? String)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        let key = try await stack.departmentKey("CG")
        #expect(try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tasks/\(id)/resolve", json: ["note": "已修复"], key: key).status == 200)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "resolved" }
        #expect(try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/rating", json: ["score": 1], key: stack["OPERATOR_KEY"]).status == 200)
        _ = try await stack.waitForTicket(id) { $0["status"] as? String == "closed" }
        // The receipt SMS to the caller exists (the phone is in notifications too).
        _ = try await stack.waitForSMS { $0["to"] as? String == phone }
        try await Task.sleep(for: .seconds(1))
        #expect(try self.dump(stack).contains(phone))

        // Closed three years ago.
        _ = try await stack.sql(
            "UPDATE tickets SET closed_at = closed_at - interval '3 years', updated_at = updated_at - interval '3 years' WHERE id = $1::uuid", [id]
        )
        let history = try await stack.historyTypes(id)
        let statsBefore = try await self.statistics(stack, id)

        let purge = try stack.command("dispatcher", ["purge"])
        #expect(purge.status == 0, "purge: \(purge.output)")
        let report = try #require(
            purge.output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.last
        )
        #expect((report["callersErased"] as? Int ?? 0) >= 1)

        let dump = try self.dump(stack)
        #expect(dump.contains(number), "the dump holds the ticket")
        #expect(!dump.contains(phone), "the caller's phone is still in the database")
        #expect(!dump.contains(name), "the caller's name is still in the database")

        let ticket = try await stack.ticket(id)
        #expect(ticket["status"] as? String == "closed")
        #expect(ticket["number"] as? String == number)
        #expect(try await stack.historyTypes(id) == history)
        #expect(try await self.statistics(stack, id) == statsBefore)
        // A second purge has nothing more to erase for this ticket, and is harmless.
        #expect(try stack.command("dispatcher", ["purge"]).status == 0)
    }

    /// One purge at a time across instances: while another session holds the purge's advisory
    /// lock, `dispatcher purge` waits for it, then runs.
    @Test func purgeWaitsForAnotherInstancesPurge() async throws {
        let stack = try Stack.load()
        let holder = try PostgresConnection(url: stack["DATABASE_URL"])
        defer { holder.close() }
        _ = try holder.query("SELECT pg_advisory_lock(\(0x686F_746C_696E_6501 as Int64))")
        let started = Date()
        // The command blocks a thread until it exits: not one of the few of Swift's shared pool,
        // which the unlock below needs.
        let purge = Task {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try stack.command("dispatcher", ["purge"]) }) }
            }
        }
        try await Task.sleep(for: .seconds(3))
        _ = try holder.query("SELECT pg_advisory_unlock(\(0x686F_746C_696E_6501 as Int64))")
        let (status, output) = try await purge.value
        #expect(status == 0, "purge: \(output)")
        #expect(Date().timeIntervalSince(started) >= 3, "the purge did not wait for the lock")
    }

    /// The whole database as SQL text.
    private func dump(_ stack: Stack) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-dump-\(UUID().uuidString).sql").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack["DATABASE_URL"]
        let (status, output) = try Spawn.run(
            "/bin/sh", ["-c", "\"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_dump\" --no-owner --exclude-schema='t_*' \"$DATABASE_URL\" > '\(path)'"],
            environment: environment, stderrToo: true
        )
        try #require(status == 0, "pg_dump: \(output)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// What the statistics count of the ticket (other tests add tickets meanwhile, so the
    /// figures of `/v1/stats` cannot be compared whole): its columns the reports group and count by.
    private func statistics(_ stack: Stack, _ id: String) async throws -> [String] {
        let rows = try await stack.sql(
            """
            SELECT concat_ws('|', status, channel, category, grid, community, street, district, lead_department, level,
                   created_at, assigned_at, responded_at, resolved_at, closed_at, rating, reopen_count, return_count,
                   overdue_respond_at, overdue_resolve_at, follow_up) AS s
            FROM tickets WHERE id = $1::uuid
            """,
            [id]
        )
        return try rows.map { try $0.decode("s", as: String.self) }
    }
}
