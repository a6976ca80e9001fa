import Foundation
import HotlineDomain
import Postgres

/// An SMS decided from an event, written to `notifications` in the event's transaction.
struct PlannedNotification: Sendable {
    var id = TimeOrderedID.make()
    var sourceEvent: String
    var kind: String
    var ticketId: String?
    var ticketNumber: String?
    var recipient: String
    var role: String
    var body: String
    var urgent: Bool
    var notBefore: Date
    /// Why `notBefore` is later than now (`quiet_hours`), if it is.
    var deferredReason: String?

    /// Inserts `planned` in one statement; a replanned (event, kind, recipient) is skipped.
    /// With `handoff`, the rows due now are written with a 20-second lease and, once the
    /// transaction commits, handed to this process's sender, which sends them without claiming
    /// them from the table.
    static func insert(_ planned: [PlannedNotification], handoff: SMSHandoff? = nil, on connection: PostgresConnection) throws {
        guard !planned.isEmpty else { return }
        let inserted = try connection.query(
            """
            INSERT INTO notifications (id, source_event, kind, ticket_id, ticket_number, recipient, recipient_role, body,
                segments, urgent, not_before, deferred_reason, claimed_until)
            SELECT i, e, k, NULLIF(t, '')::uuid, NULLIF(n, ''), r, ro, b, s, u, nb, NULLIF(d, ''),
                CASE WHEN $13 AND nb <= now() THEN now() + interval '20 seconds' END
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::int[], $10::boolean[], $11::timestamptz[], $12::text[]) AS p(i, e, k, t, n, r, ro, b, s, u, nb, d)
            ON CONFLICT (source_event, kind, recipient) DO NOTHING
            RETURNING id::text AS id, claimed_until IS NOT NULL AS leased
            """,
            [
                planned.map(\.id), planned.map(\.sourceEvent), planned.map(\.kind), planned.map { $0.ticketId ?? "" },
                planned.map { $0.ticketNumber ?? "" }, planned.map(\.recipient), planned.map(\.role), planned.map(\.body),
                planned.map { SMSText.segments($0.body) }, planned.map { $0.urgent ? "true" : "false" },
                planned.map { HotlineJSON.format($0.notBefore) }, planned.map { $0.deferredReason ?? "" },
                handoff != nil,
            ]
        )
        guard let handoff else { return }
        let leased = Set(try inserted.filter { try $0.decode("leased", as: Bool.self) }.map { try $0.decode("id", as: String.self) })
        let due = planned.filter { leased.contains($0.id) }.map(\.due)
        if !due.isEmpty { connection.afterCommit { handoff.offer(due) } }
    }

    /// The row as the sender takes it: a first attempt.
    var due: SMSSender.Due {
        SMSSender.Due(
            sms: OutboundSMS(messageId: self.id, to: self.recipient, text: self.body, kind: self.kind, ticketNumber: self.ticketNumber),
            attempts: 0, ticketId: self.ticketId, limited: self.role == "resident" && !self.urgent, segments: SMSText.segments(self.body)
        )
    }
}
