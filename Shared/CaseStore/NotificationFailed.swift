import Foundation
import HotlineDomain
import Outbox

/// The `notification.failed` event: a message that will never reach the phone (the notifier's
/// sender and delivery receipts).
public enum NotificationFailed {
    /// The outbox message; on the ticket's history when it concerns a ticket.
    public static func event(
        messageId: String, kind: String, to phone: String, reason: String, ticketId: String?, ticketNumber: String?
    ) throws -> OutboxMessage {
        try OutboxMessage.event(
            EventEnvelope(
                type: .notificationFailed, occurredAt: Date(), ticketId: ticketId, ticketNumber: ticketNumber,
                data: .object([
                    "messageId": .string(messageId), "kind": .string(kind), "to": .string(PhoneNumber.mask(phone)),
                    "reason": .string(reason),
                ])
            )
        )
    }
}
