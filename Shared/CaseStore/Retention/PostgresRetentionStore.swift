import Postgres

/// ``RetentionStore`` on PostgreSQL: one purge at a time across every instance (a session
/// advisory lock; an instance that does not get it skips the round).
///
/// Caller erasure keeps the case: the ticket row (category, place, times, deadlines, rating,
/// departments) and its history stay, so statistics do not change; the caller's name and phone
/// are set to NULL and every copy of them is scrubbed: the ticket's history events and tasks
/// in the outbox (the JSON string values equal to them become `"[已删除]"`), the phone in the
/// description, the ticket's SMS to the resident and the resident's inbound SMS about it.
public struct PostgresRetentionStore: RetentionStore {
    /// The primary's pool (the purge writes).
    public let pool: PostgresPool

    /// The advisory lock key of the purge (any constant shared by every instance).
    public static let lockKey: Int64 = 0x686F_746C_696E_6501
    /// What an erased name or phone becomes; the history chain's digest (migration 42,
    /// `history_digest`) masks callers the same way, so erasure keeps every chain intact.
    public static let erased = "[已删除]"
    /// Tickets erased per transaction.
    static let batch = 500

    /// The store on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func purge(_ periods: RetentionPeriods) async throws -> RetentionReport {
        try await self.pool.withConnection { connection -> RetentionReport in
            let locked = try connection.query("SELECT pg_try_advisory_lock($1) AS locked", [Self.lockKey])
            guard try locked.first?.decode("locked", as: Bool.self) == true else { return RetentionReport(skipped: true) }
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
            var report = RetentionReport()
            while true {
                let erased = try Self.eraseCallers(olderThan: periods.caller, on: connection)
                report.callersErased += erased
                if erased < Self.batch { break }
            }
            report.inbox = try Self.delete("DELETE FROM inbox WHERE processed_at < now() - $1::interval", periods.inbox, on: connection)
            // Monthly partitions by the source's time (migration 62): months that ended that long
            // ago are dropped whole, unless one still holds a pending row.
            report.notifications = try connection.query(
                "SELECT notifications_drop_months($1::interval) AS n", [periods.notifications]
            )[0].decode("n", as: Int.self)
            // Rows of hotline.events with a ticket are its history: kept (scrubbed of the caller
            // above). The others sit in monthly partitions, dropped whole once they are old enough
            // (migration 56): no dead rows, no vacuum.
            report.outbox = try connection.query(
                "SELECT outbox_drop_transient($1::interval) AS n", [periods.outbox]
            )[0].decode("n", as: Int.self)
            report.idempotencyKeys = try Self.delete(
                "DELETE FROM idempotency_keys WHERE created_at < now() - $1::interval", periods.idempotency, on: connection
            )
            report.inboundSMS = try Self.delete(
                "DELETE FROM inbound_sms WHERE created_at < now() - $1::interval", periods.inboundSMS, on: connection
            )
            report.readLog = try Self.delete("DELETE FROM household_reads WHERE at < now() - $1::interval", periods.readLog, on: connection)
            let searches = try connection.query("SELECT to_regclass('household_searches') IS NOT NULL AS present")
            if try searches.first?.decode("present", as: Bool.self) == true {
                report.readLog += try Self.delete(
                    "DELETE FROM household_searches WHERE at < now() - $1::interval", periods.readLog, on: connection
                )
            }
            return report
        }
    }

    private static func delete(_ sql: String, _ period: String, on connection: PostgresConnection) throws -> Int {
        // `RETURNING 1` counts without a command-tag parser.
        try connection.query(sql + " RETURNING 1", [period]).count
    }

    /// Erases the callers of one batch of tickets closed before `period` ago, in one transaction.
    private static func eraseCallers(olderThan period: String, on connection: PostgresConnection) throws -> Int {
        try connection.query("BEGIN")
        do {
            let victims = try connection.query(
                """
                SELECT id::text AS id, COALESCE(caller_name, '') AS name, COALESCE(caller_phone, '') AS phone FROM tickets
                WHERE caller_erased_at IS NULL AND status IN ('closed', 'cancelled', 'duplicate')
                  AND COALESCE(closed_at, updated_at) < now() - $1::interval
                ORDER BY COALESCE(closed_at, updated_at) LIMIT $2 FOR UPDATE SKIP LOCKED
                """,
                [period, Self.batch]
            )
            let ids = try victims.map { try $0.decode("id", as: String.self) }
            let names = try victims.map { try $0.decode("name", as: String.self) }
            let phones = try victims.map { try $0.decode("phone", as: String.self) }
            if !ids.isEmpty {
                // The JSON string values equal to the name or the phone (never a part of another
                // text), and the phone wherever it appears in the ticket's messages.
                try connection.query(
                    """
                    UPDATE outbox o SET body = replace(
                        CASE WHEN v.name <> '' THEN replace(o.body, to_json(v.name)::text, to_json($4::text)::text) ELSE o.body END,
                        CASE WHEN v.phone <> '' THEN v.phone ELSE $4 END, $4)
                    FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, name, phone)
                    WHERE o.ticket_id = v.id
                    """,
                    [ids, names, phones, Self.erased]
                )
                try connection.query(
                    """
                    UPDATE tickets t SET caller_name = NULL, caller_phone = NULL, caller_erased_at = now(),
                        description = CASE WHEN v.phone <> '' THEN replace(t.description, v.phone, $4) ELSE t.description END
                    FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, name, phone)
                    WHERE t.id = v.id
                    """,
                    [ids, names, phones, Self.erased]
                )
                try connection.query(
                    "DELETE FROM notifications WHERE ticket_id = ANY($1::uuid[]) AND recipient = ANY($2::text[]) AND status <> 'pending'",
                    [ids, phones]
                )
                // SMS to staff about the ticket may quote the caller.
                try connection.query(
                    """
                    UPDATE notifications m SET body = replace(CASE WHEN v.name <> '' THEN replace(m.body, v.name, $4) ELSE m.body END,
                                                     CASE WHEN v.phone <> '' THEN v.phone ELSE $4 END, $4)
                    FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, name, phone)
                    WHERE m.ticket_id = v.id
                    """,
                    [ids, names, phones, Self.erased]
                )
                try connection.query("DELETE FROM inbound_sms WHERE ticket_id = ANY($1::uuid[])", [ids])
            }
            try connection.query("COMMIT")
            return ids.count
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }
}
