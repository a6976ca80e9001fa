import CaseStore
import Foundation
import HotlineDomain
import Outbox
import Postgres

/// ``InboundSMSRepository`` on PostgreSQL: each message in one transaction that records its id
/// first (a repeat changes nothing), then applies the first reading that fits: a grid worker's
/// command, a check-in, a broadcast acknowledgement, a rating; anything else is answered with
/// help.
struct PostgresInboundSMSRepository: InboundSMSRepository {
    let pool: PostgresPool
    let store: CaseStore
    let templates: SMSTemplates

    func receive(_ message: InboundSMS, using snapshot: JurisdictionSnapshot) async throws -> (outcome: String, ticketId: String?)? {
        let (store, templates) = (self.store, self.templates)
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
            var (outcome, ticketId): (String, String?) = ("help", nil)
            // A grid worker's or secretary's command (docs/grid.md) comes first.
            if let command = try GridCommandReplies(store: store, templates: templates).handle(
                message.text, from: message.phone, at: message.receivedAt, using: snapshot, on: connection
            ) {
                (outcome, ticketId) = command
            // A pending check-in comes first: its "1" means "I am fine", not a rating.
            } else if CheckinReply.confirms(message.text), let checkin = try HouseholdCheckins().answer(from: message.phone, at: message.receivedAt, on: connection) {
                outcome = (checkin.missedAt == nil ? "checked in " : "checked in late ") + checkin.household
            } else if BroadcastAcknowledgement.matches(message.text),
                let acknowledged = try BroadcastAcknowledgement.record(from: message.phone, at: message.receivedAt, on: connection)
            {
                outcome = acknowledged
            } else if let reply = RatingReply.parse(message.text) {
                // Only a ticket this phone called in: another resident's number rates nothing.
                let candidates = try connection.query(
                    """
                    SELECT id::text AS id FROM tickets
                    WHERE caller_phone = $1 AND status IN ('resolved', 'answered') AND ($2::text IS NULL OR number = $2)
                    ORDER BY COALESCE(resolved_at, created_at) DESC LIMIT 1 FOR UPDATE
                    """,
                    [message.phone, reply.ticketNumber]
                )
                if let id = try candidates.first?.decode("id", as: String.self) {
                    _ = try store.rate(id, score: reply.score, reason: reply.reason, source: "sms", using: snapshot, on: connection)
                    (outcome, ticketId) = ("rated \(reply.score.rawValue)", id)
                } else {
                    outcome = reply.ticketNumber == nil ? "no ticket of this phone awaiting a rating" : "not a ticket of this phone awaiting a rating"
                }
            }
            if ticketId == nil, !outcome.hasPrefix("command"), !outcome.hasPrefix("acknowledged"), !outcome.hasPrefix("already acknowledged"), !outcome.hasPrefix("checked in") {
                // Anything else gets a polite help reply; it answers the resident, so quiet hours
                // do not hold it back, but the hourly rate limit does (no reply storms).
                try PlannedNotification.insert(
                    [
                        PlannedNotification(
                            sourceEvent: "inbound:" + UUID().uuidString.lowercased(), kind: "help", recipient: message.phone, role: "resident",
                            body: templates.render("help", [:]), urgent: false, notBefore: Date()
                        )
                    ],
                    on: connection
                )
            }
            try connection.query(
                "UPDATE inbound_sms SET outcome = $2, ticket_id = $3::uuid WHERE id = $1", [rowId, outcome, ticketId]
            )
            return (outcome, ticketId)
        }
    }

    func receipt(messageId: String, status: String, at: Date) async throws -> ReceiptOutcome {
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
