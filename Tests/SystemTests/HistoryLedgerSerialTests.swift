import Foundation
import Testing

/// The tamper-evident history (migration 42): `dispatcher verify` passes on the stack as it is,
/// names the first broken link after an UPDATE or a DELETE of a history row in SQL, and stays
/// valid when a caller's name and phone are erased from the events (retention). It tampers
/// with the shared history (and restores it), so it runs with the suites that run alone.
@Suite(.serialized) struct HistoryLedgerSerialTests {
    let stack: Stack

    init() throws {
        self.stack = try Stack.load()
    }

    func verify() throws -> (status: Int32, output: String) {
        try self.stack.command("dispatcher", ["verify"])
    }

    @Test func verifyNamesAnEditedAndADeletedRow() async throws {
        let (status, created) = try await self.stack.createTicket(demoTicket())
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        _ = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        let cg = try await self.stack.departmentKey("CG")
        #expect(try await self.stack.http("POST", self.stack["INTAKE_URL"] + "/v1/tasks/\(id)/accept", json: ["note": "收到"], key: cg).status == 200)

        let clean = try self.verify()
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("ok:"))

        let chain = try await self.stack.sql(
            "SELECT event_id::text AS id, chain_pos, body FROM outbox WHERE ticket_id = $1::uuid AND chain_hash IS NOT NULL ORDER BY chain_pos", [id]
        )
        try #require(chain.count >= 3)
        let second = try chain[1].decode("id", as: String.self)
        let original = try chain[1].decode("body", as: String.self)

        // Erasing the caller's personal data (retention) keeps the chain valid.
        try await self.stack.sql(
            """
            UPDATE outbox SET body = jsonb_set(body::jsonb, '{data,ticket,caller}', '{"name": null, "phone": null}')::text
            WHERE ticket_id = $1::uuid AND body::jsonb #> '{data,ticket,caller}' IS NOT NULL
            """,
            [id]
        )
        let erased = try self.verify()
        #expect(erased.status == 0, "erasing caller data must not break the chain: \(erased.output)")

        // An edited row: its hash no longer matches.
        try await self.stack.sql(
            "UPDATE outbox SET body = jsonb_set(body::jsonb, '{occurredAt}', '\"2020-01-01T00:00:00Z\"')::text WHERE event_id = $1::uuid", [second]
        )
        let edited = try self.verify()
        #expect(edited.status == 1)
        #expect(edited.output.contains("hash mismatch") && edited.output.contains(id) && edited.output.contains("#2"), "\(edited.output)")
        try await self.stack.sql("UPDATE outbox SET body = $2 WHERE event_id = $1::uuid", [second, original])
        #expect(try self.verify().status == 0)

        // A deleted row: the next event's link points at nothing.
        try await self.stack.sql("CREATE TABLE IF NOT EXISTS verify_test_backup AS SELECT * FROM outbox WITH NO DATA")
        try await self.stack.sql("INSERT INTO verify_test_backup SELECT * FROM outbox WHERE event_id = $1::uuid", [second])
        try await self.stack.sql("DELETE FROM outbox WHERE event_id = $1::uuid", [second])
        let deleted = try self.verify()
        #expect(deleted.status == 1)
        #expect(deleted.output.contains("chain gap") && deleted.output.contains(id) && deleted.output.contains("#3"), "\(deleted.output)")
        // Put the row back as it was (triggers off for this one statement: the chain fields are the stored ones).
        try await self.stack.sql(
            """
            DO $$ BEGIN
                SET LOCAL session_replication_role = replica;
                INSERT INTO outbox SELECT * FROM verify_test_backup WHERE event_id = '\(UUID(uuidString: second)!.uuidString)'::uuid;
                DELETE FROM verify_test_backup WHERE event_id = '\(UUID(uuidString: second)!.uuidString)'::uuid;
            END $$
            """
        )
        let restored = try self.verify()
        #expect(restored.status == 0, "\(restored.output)")
    }
}

extension HistoryLedgerSerialTests {
    /// A ticket's last event deleted leaves no gap in any chain: the sealed daily root catches it.
    @Test func aSealedDayCatchesTheDeletionOfALastEvent() async throws {
        // An event of its own on a random day long ago, so no other test's events share the day.
        let day = String(format: "19%02d-%02d-%02d", Int.random(in: 70...99), Int.random(in: 1...12), Int.random(in: 1...28))
        let ticket = UUID().uuidString.lowercased()
        let event = UUID().uuidString.lowercased()
        let body = #"{"id":"\#(event)","type":"ticket.progress","version":1,"occurredAt":"\#(day)T10:00:00+08:00","ticketId":"\#(ticket)","data":{"note":"fixture"}}"#
        try await self.stack.sql(
            """
            INSERT INTO outbox (event_id, exchange, routing_key, message_type, ticket_id, body, created_at, published_at)
            VALUES ($1::uuid, 'hotline.events', 'ticket.progress', 'ticket.progress', $2::uuid, $3, ($4 || 'T10:00:00+08:00')::timestamptz, now())
            """,
            [event, ticket, body, day]
        )
        let sealed = try self.stack.command("dispatcher", ["seal", "--day", day])
        #expect(sealed.status == 0 && sealed.output.contains(day), "\(sealed.output)")
        #expect(try self.verify().status == 0)

        try await self.stack.sql("CREATE TABLE IF NOT EXISTS verify_test_backup AS SELECT * FROM outbox WITH NO DATA")
        try await self.stack.sql("INSERT INTO verify_test_backup SELECT * FROM outbox WHERE event_id = $1::uuid", [event])
        try await self.stack.sql("DELETE FROM outbox WHERE event_id = $1::uuid", [event])
        let deleted = try self.verify()
        #expect(deleted.status == 1)
        #expect(deleted.output.contains("root mismatch") && deleted.output.contains(day), "\(deleted.output)")
        try await self.stack.sql(
            """
            DO $$ BEGIN
                SET LOCAL session_replication_role = replica;
                INSERT INTO outbox SELECT * FROM verify_test_backup WHERE event_id = '\(event)'::uuid;
                DELETE FROM verify_test_backup WHERE event_id = '\(event)'::uuid;
            END $$
            """
        )
        #expect(try self.verify().status == 0)
    }
}
