import CaseStore
import Foundation
import HotlineDomain

extension PlannedNotification {
    /// The notification of an answer to an inbound SMS: due now, never held by quiet hours
    /// (the hourly rate limit still applies to residents).
    init(answer: SMSAnswer) {
        // A new source each time (an answer is never replanned): its time is now.
        self.init(
            at: Date(), sourceEvent: "inbound:" + UUID().uuidString.lowercased(), kind: answer.kind, ticketId: answer.ticketId,
            ticketNumber: answer.ticketNumber, recipient: answer.recipient, role: answer.role, body: answer.body, urgent: false,
            notBefore: Date()
        )
    }
}
