import Foundation
import HotlineDomain
import Outbox
import Postgres

/// A grid worker's reply `收到` or `OK` (any case, trailing punctuation ignored): it acknowledges
/// the latest broadcast sent to that phone that asks for an acknowledgement, and announces it
/// as `broadcast.acknowledged`.
enum BroadcastAcknowledgement {
    /// Whether `text` is an acknowledgement.
    static func matches(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "。.!！~～")))
        return trimmed == "收到" || trimmed.lowercased() == "ok"
    }

    /// Records the acknowledgement from `phone`; nil when no broadcast to that phone asks for
    /// one, otherwise what happened (`acknowledged <id>` or `already acknowledged <id>`).
    static func record(from phone: String, at date: Date, on connection: PostgresConnection) throws -> String? {
        guard
            let row = try connection.query(
                """
                SELECT r.broadcast_id::text AS id, r.name, r.acknowledged_at IS NOT NULL AS done
                FROM broadcast_recipients r JOIN broadcasts b ON b.id = r.broadcast_id
                WHERE r.phone = $1 AND b.require_ack
                ORDER BY b.created_at DESC LIMIT 1 FOR UPDATE OF r
                """,
                [phone]
            ).first
        else { return nil }
        let id = try row.decode("id", as: String.self)
        if try row.decode("done", as: Bool.self) { return "already acknowledged \(id)" }
        try connection.query(
            "UPDATE broadcast_recipients SET acknowledged_at = $3 WHERE broadcast_id = $1::uuid AND phone = $2",
            [id, phone, date]
        )
        try Outbox.append(
            [
                try OutboxMessage.event(
                    EventEnvelope(
                        type: .broadcastAcknowledged, occurredAt: date,
                        data: .object([
                            "broadcastId": .string(id), "name": .string(try row.decode("name", as: String.self)),
                            "phone": .string(PhoneNumber.mask(phone)), "acknowledgedAt": .string(HotlineJSON.format(date)),
                        ])
                    )
                )
            ],
            on: connection
        )
        return "acknowledged \(id)"
    }
}
