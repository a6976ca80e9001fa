import Foundation
import HotlineDomain
import Outbox
import Postgres

/// ``InboundSMSRepository`` on PostgreSQL: each message in one transaction that records its id
/// first (a repeat changes nothing), then lets `handler` apply it (the notifier's replies to
/// commands, check-ins, acknowledgements and ratings) on ``PostgresInboundSMSCases``, writes
/// its answers with `plan` and records the outcome.
public struct PostgresInboundSMSRepository: InboundSMSRepository {
    /// The primary's pool.
    public let pool: PostgresPool
    /// The case operations the commands apply.
    public let store: CaseStore
    /// What a message means.
    public let handler: any InboundSMSHandler
    /// Writes answers to `notifications` in the message's transaction (the notifier's planner).
    public let plan: @Sendable ([SMSAnswer], PostgresConnection) throws -> Void

    /// The repository on `pool`.
    public init(
        pool: PostgresPool, store: CaseStore, handler: any InboundSMSHandler, plan: @escaping @Sendable ([SMSAnswer], PostgresConnection) throws -> Void
    ) {
        self.pool = pool
        self.store = store
        self.handler = handler
        self.plan = plan
    }

    public func receive(_ message: InboundSMS, using snapshot: JurisdictionSnapshot) async throws -> (outcome: String, ticketId: String?)? {
        let (store, handler, plan) = (self.store, self.handler, self.plan)
        return try await self.pool.transaction { connection -> (outcome: String, ticketId: String?)? in
            // The message id first: a repeated one (the same row, committed or not) changes nothing.
            guard
                let row = try connection.query(
                    """
                    INSERT INTO inbound_sms (message_id, sender, body, received_at, outcome) VALUES ($1, $2, $3, $4, 'pending')
                    ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO NOTHING RETURNING id
                    """,
                    [message.messageId, message.phone, message.text, message.receivedAt]
                ).first
            else { return nil }
            let rowId = try row.decode("id", as: Int64.self)
            let cases = PostgresInboundSMSCases(connection: connection, store: store)
            let (outcome, ticketId) = try handler.handle(message, using: snapshot, in: cases)
            try plan(cases.answers, connection)
            try connection.query(
                "UPDATE inbound_sms SET outcome = $2, ticket_id = $3::uuid WHERE id = $1", [rowId, outcome, ticketId]
            )
            return (outcome, ticketId)
        }
    }

    public func receipt(messageId: String, status: String, at: Date) async throws -> ReceiptOutcome {
        let updated = try await self.pool.transaction { connection -> Int in
            // A receipt repeating the status already recorded is a duplicate: nothing changes.
            let current = try connection.query("SELECT status FROM notifications WHERE id = $1::uuid FOR UPDATE", [messageId])
            if let row = current.first, try row.decode("status", as: String.self) == status { return -1 }
            let rows = try connection.query(
                """
                UPDATE notifications SET status = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN $3::timestamptz END,
                    last_error = CASE WHEN $2 = 'failed' THEN 'handset delivery failed' ELSE last_error END
                WHERE id = $1::uuid
                RETURNING kind, recipient, ticket_id::text AS ticket_id, ticket_number
                """,
                [messageId, status, at]
            )
            if let row = rows.first, status == "failed" {
                try Outbox.append(
                    [
                        try NotificationFailed.event(
                            messageId: messageId, kind: try row.decode("kind", as: String.self),
                            to: try row.decode("recipient", as: String.self), reason: "handset delivery failed",
                            ticketId: try row.decode("ticket_id", as: String?.self),
                            ticketNumber: try row.decode("ticket_number", as: String?.self)
                        )
                    ],
                    on: connection
                )
            }
            return rows.count
        }
        return updated == -1 ? .duplicate : updated == 1 ? .recorded : .unknown
    }
}
