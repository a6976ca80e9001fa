import CaseStore
import Foundation
import HotlineDomain
import Outbox
import Postgres
import Testing

/// ``PostgresRetentionStore`` on the real PostgreSQL, in a schema of its own: the caller of a
/// ticket closed longer ago than the period is erased everywhere it was copied, a recent one is
/// kept, old technical rows go.
@Suite struct RetentionStoreTests {
    static let periods = RetentionPeriods(
        caller: "P2Y", inbox: "P30D", notifications: "P90D", outbox: "P30D", idempotency: "P30D", inboundSMS: "P90D", readLog: "P1Y"
    )

    @Test func aPurgeErasesOldCallersAndKeepsRecentOnes() async throws {
        try await TestSchema.run { schema in
            let store = CaseStore(timeZone: WorkingCalendar.chinaTimeZone)
            let old = try await schema.pool.transaction { try store.create(CaseStoreTests.streetlight(phone: "13800000091"), promisedBy: nil, on: $0) }
            let recent = try await schema.pool.transaction { try store.create(CaseStoreTests.streetlight(phone: "13800000092"), promisedBy: nil, on: $0) }
            // A department's task carries the caller (the events do not).
            let tasks = [(old, "13800000091"), (recent, "13800000092")].map { ticket, phone in
                OutboxMessage(
                    id: UUID().uuidString.lowercased(), exchange: "hotline.tasks", routingKey: "task.test", type: "task", ticketId: ticket.id,
                    body: #"{"caller":{"name":"张三","phone":"\#(phone)"},"description":"路灯不亮"}"#
                )
            }
            try await schema.pool.transaction { try Outbox.append(tasks, on: $0) }
            try await schema.pool.withConnection { connection in
                try connection.query(
                    "UPDATE tickets SET status = 'closed', closed_at = now() - interval '3 years', description = description || ' 13800000091' WHERE id = $1::uuid",
                    [old.id]
                )
                try connection.query("UPDATE tickets SET status = 'closed', closed_at = now() - interval '1 year' WHERE id = $1::uuid", [recent.id])
                try connection.query(
                    """
                    INSERT INTO inbound_sms (message_id, sender, body, received_at, outcome, created_at)
                    VALUES ('old-1', '13800000093', '1', now() - interval '100 days', 'help', now() - interval '100 days'),
                           ('new-1', '13800000093', '1', now(), 'help', now())
                    """
                )
            }
            func copies(of phone: String, in id: String) async throws -> Int {
                try await schema.pool.withConnection { connection in
                    try connection.query("SELECT count(*) AS n FROM outbox WHERE ticket_id = $1::uuid AND body LIKE '%' || $2 || '%'", [id, phone])[0]
                        .decode("n", as: Int.self)
                }
            }
            #expect(try await copies(of: "13800000091", in: old.id) > 0, "the ticket's events carry the caller's phone before the purge")

            let retention = PostgresRetentionStore(pool: schema.pool)
            var report = try await retention.purge(Self.periods)
            // A dispatcher purging at the same moment holds the (database-wide) lock for a moment.
            for _ in 0..<30 where report.skipped {
                try await Task.sleep(for: .seconds(1))
                report = try await retention.purge(Self.periods)
            }
            #expect(!report.skipped)
            #expect(report.callersErased == 1)
            #expect(report.inboundSMS == 1)

            let rows = try await schema.pool.withConnection { connection in
                try connection.query(
                    "SELECT id::text AS id, caller_phone, caller_name, caller_erased_at IS NOT NULL AS erased, description FROM tickets ORDER BY created_at"
                ).map {
                    (
                        id: try $0.decode("id", as: String.self), phone: try $0.decode("caller_phone", as: String?.self),
                        name: try $0.decode("caller_name", as: String?.self), erased: try $0.decode("erased", as: Bool.self),
                        description: try $0.decode("description", as: String.self)
                    )
                }
            }
            let erased = try #require(rows.first { $0.id == old.id })
            #expect(erased.phone == nil && erased.name == nil && erased.erased)
            #expect(!erased.description.contains("13800000091"))
            #expect(erased.description.contains(PostgresRetentionStore.erased))
            let kept = try #require(rows.first { $0.id == recent.id })
            #expect(kept.phone == "13800000092" && kept.name == "张三" && !kept.erased)
            #expect(try await copies(of: "13800000091", in: old.id) == 0, "the caller's phone is still in the ticket's events")
            #expect(try await copies(of: "13800000092", in: recent.id) > 0)

            let left = try await schema.pool.withConnection { connection in
                try connection.query("SELECT message_id FROM inbound_sms ORDER BY message_id").map { try $0.decode("message_id", as: String.self) }
            }
            #expect(left == ["new-1"])
            // Nothing left to erase: a second purge changes nothing.
            var again = try await retention.purge(Self.periods)
            for _ in 0..<30 where again.skipped {
                try await Task.sleep(for: .seconds(1))
                again = try await retention.purge(Self.periods)
            }
            #expect(again.callersErased == 0 && again.inboundSMS == 0)
        }
    }
}
