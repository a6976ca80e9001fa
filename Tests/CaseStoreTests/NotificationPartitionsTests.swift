import CaseStore
import Foundation
import HotlineDomain
import Postgres
import Testing

/// `notifications` partitioned by month on the derived id (migration 62), on the real
/// database: a replanned source is written once, rows land in their month, a delivery receipt
/// updates its row, retention drops old months and making a month takes its rows out of the
/// default partition.
@Suite struct NotificationPartitionsTests {
    static func row(at time: Date, event: String, kind: String = "receipt", to phone: String = "13800000021") -> NewNotification {
        NewNotification(
            id: NotificationID.derive(at: time, sourceEvent: event, kind: kind, recipient: phone), sourceEvent: event, kind: kind,
            ticketId: nil, ticketNumber: nil, recipient: phone, role: "resident", body: "您的诉求已受理", segments: 1, urgent: false,
            notBefore: min(time, Date()).addingTimeInterval(-1), deferredReason: nil
        )
    }

    static func month(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "notifications_p%04d_%02d", parts.year!, parts.month!)
    }

    static func partition(of id: String, on connection: PostgresConnection) throws -> String? {
        try connection.query(
            "SELECT c.relname::text AS name FROM notifications n JOIN pg_class c ON c.oid = n.tableoid WHERE n.id = $1::uuid", [id]
        ).first?.decode("name", as: String.self)
    }

    @Test func aReplannedSourceIsWrittenOnceInItsMonth() async throws {
        try await TestSchema.run { schema in
            let now = Date()
            let event = UUID().uuidString.lowercased()
            let row = Self.row(at: now, event: event)
            let first = try await schema.pool.transaction { try PostgresSMSQueue.plan([row], lease: true, on: $0) }
            // Redelivered: the planner derives the same id again.
            let again = Self.row(at: now, event: event)
            #expect(again.id == row.id)
            let second = try await schema.pool.transaction { try PostgresSMSQueue.plan([again, again], lease: true, on: $0) }
            #expect(first == [row.id] && second.isEmpty)
            let (count, partition) = try await schema.pool.withConnection { connection in
                (
                    try connection.query("SELECT count(*)::int AS n FROM notifications WHERE source_event = $1", [event])[0]
                        .decode("n", as: Int.self),
                    try Self.partition(of: row.id, on: connection)
                )
            }
            #expect(count == 1)
            #expect(partition == Self.month(now))
        }
    }

    @Test func aSourcePlannedBeforeTheMigrationIsNotPlannedAgain() async throws {
        try await TestSchema.run { schema in
            let event = UUID().uuidString.lowercased()
            try await schema.pool.withConnection { connection in
                _ = try connection.query(
                    "INSERT INTO notifications_keys_before (source_event, kind, recipient, created_at) VALUES ($1, 'receipt', '13800000021', now())",
                    [event]
                )
            }
            let planned = try await schema.pool.transaction { try PostgresSMSQueue.plan([Self.row(at: Date(), event: event)], lease: true, on: $0) }
            #expect(planned.isEmpty)
        }
    }

    @Test func aDeliveryReceiptUpdatesItsRow() async throws {
        try await TestSchema.run { schema in
            let now = Date()
            let rows = [Self.row(at: now, event: "e-receipt", to: "13800000031"), Self.row(at: now, event: "e-receipt", to: "13800000032")]
            _ = try await schema.pool.transaction { try PostgresSMSQueue.plan(rows, lease: false, on: $0) }
            let repository = PostgresInboundSMSRepository(
                pool: schema.pool, store: CaseStore(timeZone: WorkingCalendar.chinaTimeZone), handler: NotifierStoresTests.AcceptOnce()
            ) { _, _ in }
            _ = try await repository.receipt(messageId: rows[1].id, status: "delivered", at: now)
            let statuses = try await schema.pool.withConnection { connection in
                try connection.query("SELECT recipient, status FROM notifications ORDER BY recipient").map {
                    [try $0.decode("recipient", as: String.self), try $0.decode("status", as: String.self)]
                }
            }
            #expect(statuses == [["13800000031", "pending"], ["13800000032", "delivered"]])
        }
    }

    @Test func retentionDropsOldMonthsAndKeepsOnesWithPendingRows() async throws {
        try await TestSchema.run { schema in
            let now = Date()
            let (old, pendingOld) = (now.addingTimeInterval(-200 * 86_400), now.addingTimeInterval(-135 * 86_400))
            let rows = [Self.row(at: old, event: "e-old"), Self.row(at: pendingOld, event: "e-pending"), Self.row(at: now, event: "e-now")]
            try await schema.pool.transaction { connection in
                _ = try connection.query(
                    "SELECT notifications_partitions(($1::timestamptz AT TIME ZONE 'UTC')::date, current_date)", [HotlineJSON.format(old)]
                )
                _ = try PostgresSMSQueue.plan(rows, lease: false, on: connection)
                _ = try connection.query(
                    "UPDATE notifications SET status = 'sent', sent_at = now(), created_at = $2::timestamptz WHERE id = $1::uuid",
                    [rows[0].id, HotlineJSON.format(old)]
                )
            }
            let placed = try await schema.pool.withConnection { c in try rows.map { try Self.partition(of: $0.id, on: c) } }
            #expect(placed == [Self.month(old), Self.month(pendingOld), Self.month(now)])
            let report = try await PostgresRetentionStore(pool: schema.pool).purge(
                RetentionPeriods(caller: "P2Y", inbox: "P30D", notifications: "P90D", outbox: "P30D", idempotency: "P30D", inboundSMS: "P90D", readLog: "P1Y")
            )
            #expect(report.notifications == 1)
            let (left, tables) = try await schema.pool.withConnection { connection in
                (
                    try connection.query("SELECT source_event FROM notifications ORDER BY source_event").map { try $0.decode("source_event", as: String.self) },
                    try [old, pendingOld, now].map {
                        try connection.query("SELECT to_regclass($1) IS NOT NULL AS present", [Self.month($0)])[0].decode("present", as: Bool.self)
                    }
                )
            }
            #expect(left == ["e-now", "e-pending"])
            #expect(tables == [false, true, true], "the old month is dropped, the one with a pending row kept")
        }
    }

    @Test func rowsOfTheTableBeforeSurviveTheMigration() async throws {
        try await TestSchema.run(through: 61) { schema in
            // Before migration 62: a time-ordered id, a random one, each planned from an event.
            let (ordered, random) = (TimeOrderedID.make(), UUID().uuidString.lowercased())
            try await schema.pool.withConnection { connection in
                _ = try connection.query(
                    """
                    INSERT INTO notifications (id, source_event, kind, recipient, recipient_role, body, segments, status, sent_at)
                    VALUES ($1::uuid, 'e-before', 'receipt', '13800000041', 'resident', '已受理', 1, 'sent', now()),
                           ($2::uuid, 'e-before', 'assigned', '13800000041', 'resident', '已派单', 1, 'pending', NULL)
                    """,
                    [ordered, random]
                )
            }
            _ = try await Migrator.migrate(schema.pool, Schema.migrations, logger: TestSchema.logger)
            let rows = try await schema.pool.withConnection { connection in
                try connection.query("SELECT id::text AS id, status FROM notifications ORDER BY kind").map {
                    [try $0.decode("id", as: String.self), try $0.decode("status", as: String.self)]
                }
            }
            #expect(rows == [[random, "pending"], [ordered, "sent"]])
            let placed = try await schema.pool.withConnection { c in try Self.partition(of: ordered, on: c) }
            #expect(placed == Self.month(Date()))
            // The event redelivered after the upgrade: its SMS planned before are not planned again.
            let planned = try await schema.pool.transaction {
                try PostgresSMSQueue.plan([Self.row(at: Date(), event: "e-before", kind: "assigned", to: "13800000041")], lease: false, on: $0)
            }
            #expect(planned.isEmpty)
            let count = try await schema.pool.withConnection {
                try $0.query("SELECT count(*)::int AS n FROM notifications")[0].decode("n", as: Int.self)
            }
            #expect(count == 2)
        }
    }

    @Test func makingAMonthMovesItsRowsOutOfTheDefaultPartition() async throws {
        try await TestSchema.run { schema in
            let later = Date().addingTimeInterval(250 * 86_400)
            let row = Self.row(at: later, event: "e-later")
            _ = try await schema.pool.transaction { try PostgresSMSQueue.plan([row], lease: false, on: $0) }
            let (before, made, after) = try await schema.pool.withConnection { connection in
                let before = try Self.partition(of: row.id, on: connection)
                let made = try connection.query(
                    "SELECT notifications_partitions(($1::timestamptz AT TIME ZONE 'UTC')::date, ($1::timestamptz AT TIME ZONE 'UTC')::date) AS made", [HotlineJSON.format(later)]
                )[0].decode("made", as: Int.self)
                return (before, made, try Self.partition(of: row.id, on: connection))
            }
            #expect(before == "notifications_default")
            #expect(made == 1)
            #expect(after == Self.month(later))
        }
    }
}
