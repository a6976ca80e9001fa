import CaseStore
import Foundation
import HotlineDomain

/// Turns one `broadcast.created` event into one `broadcast` SMS per grid worker in scope (a
/// fan-out of thousands is one event and a few statements), records the recipients for the
/// acknowledgements and marks the broadcast fanned out (``BroadcastFanOutStore``); all in the
/// event's transaction, where the planner writes the SMS it returns.
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

    /// The SMS of `event`, one per grid worker in scope, its recipients recorded in `store`.
    func plan(_ event: EventEnvelope, snapshot: JurisdictionSnapshot, recordingIn store: any BroadcastFanOutStore) throws -> [PlannedNotification] {
        let created = try event.payload.decode(Created.self)
        let recipients = created.scope.recipients(in: snapshot.jurisdiction.grids)
        let body = self.templates.render(
            "broadcast", ["text": created.text, "ack": created.requireAck ? "（收到请回复“收到”）" : ""]
        )
        let now = Date()
        let planned = recipients.map { recipient in
            PlannedNotification(
                at: event.occurredAt, sourceEvent: event.id, kind: "broadcast", recipient: recipient.phone, role: "grid_worker", body: body,
                urgent: true, notBefore: now
            )
        }
        try store.recordFanOut(of: created.broadcastId, to: recipients, notifications: planned.map(\.id))
        return planned
    }
}
