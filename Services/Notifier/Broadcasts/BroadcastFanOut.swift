import CaseStore
import Foundation
import HotlineDomain
import Postgres

/// Turns one `broadcast.created` event into one `broadcast` SMS per grid worker in scope (a
/// fan-out of thousands is one event and a few statements), records the recipients for the
/// acknowledgements, and marks the broadcast fanned out; all in the event's transaction.
///
/// The event's `data` (version 1): `{"broadcastId", "scope": {"street" | "community" |
/// "district": code}, "text", "requireAck", "createdBy"}`.
struct BroadcastFanOut {
    let templates: SMSTemplates

    /// The parts of the event the fan-out needs.
    struct Created: Decodable {
        var broadcastId: String
        var scope: BroadcastScope
        var text: String
        var requireAck: Bool
    }

    func apply(_ event: EventEnvelope, snapshot: JurisdictionSnapshot, on connection: PostgresConnection) throws {
        let created = try event.payload.decode(Created.self)
        let recipients = created.scope.recipients(in: snapshot.jurisdiction.grids)
        let body = self.templates.render(
            "broadcast", ["text": created.text, "ack": created.requireAck ? "（收到请回复“收到”）" : ""]
        )
        let now = Date()
        let planned = recipients.map { recipient in
            PlannedNotification(
                sourceEvent: event.id, kind: "broadcast", recipient: recipient.phone, role: "grid_worker", body: body,
                urgent: true, notBefore: now
            )
        }
        try PlannedNotification.insert(planned, on: connection)
        try connection.query(
            """
            INSERT INTO broadcast_recipients (broadcast_id, phone, name, grids, notification_id)
            SELECT $1::uuid, p, n, string_to_array(g, ','), i
            FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[]) AS r(p, n, g, i)
            ON CONFLICT (broadcast_id, phone) DO NOTHING
            """,
            [
                created.broadcastId, recipients.map(\.phone), recipients.map(\.name), recipients.map { $0.grids.joined(separator: ",") },
                planned.map(\.id),
            ]
        )
        try connection.query(
            "UPDATE broadcasts SET fanned_out_at = now(), recipient_count = $2 WHERE id = $1::uuid AND fanned_out_at IS NULL",
            [created.broadcastId, recipients.count]
        )
    }
}
