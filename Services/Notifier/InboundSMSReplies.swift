import CaseStore
import Foundation
import HotlineDomain

/// What an inbound SMS means, applied in the message's transaction: the first reading that
/// fits of a grid worker's or volunteer's command, a check-in, a broadcast acknowledgement, a
/// rating; anything else is answered with help.
struct InboundSMSReplies: InboundSMSHandler {
    let templates: SMSTemplates
    let timeZone: TimeZone

    func handle(_ message: InboundSMS, using snapshot: JurisdictionSnapshot, in cases: any InboundSMSCases) throws -> (outcome: String, ticketId: String?) {
        var (outcome, ticketId): (String, String?) = ("help", nil)
        // A grid worker's or secretary's command (docs/grid.md) comes first.
        if let command = try GridCommandReplies(templates: self.templates, timeZone: self.timeZone).handle(
            message.text, from: message.phone, at: message.receivedAt, using: snapshot, in: cases
        ) {
            (outcome, ticketId) = command
        // A pending check-in comes first: its "1" means "I am fine", not a rating.
        } else if CheckinReply.confirms(message.text), let checkin = try cases.answerCheckin(from: message.phone, at: message.receivedAt) {
            outcome = (checkin.missedAt == nil ? "checked in " : "checked in late ") + checkin.household
        } else if BroadcastAcknowledgement.matches(message.text),
            let acknowledged = try BroadcastAcknowledgement.record(from: message.phone, at: message.receivedAt, in: cases)
        {
            outcome = acknowledged
        } else if let reply = RatingReply.parse(message.text) {
            // Only a ticket this phone called in: another resident's number rates nothing.
            if let id = try cases.ticketAwaitingRating(from: message.phone, number: reply.ticketNumber) {
                try cases.rate(id, score: reply.score, reason: reply.reason, using: snapshot)
                (outcome, ticketId) = ("rated \(reply.score.rawValue)", id)
            } else {
                outcome = reply.ticketNumber == nil ? "no ticket of this phone awaiting a rating" : "not a ticket of this phone awaiting a rating"
            }
        }
        if ticketId == nil, !outcome.hasPrefix("command"), !outcome.hasPrefix("acknowledged"), !outcome.hasPrefix("already acknowledged"), !outcome.hasPrefix("checked in") {
            // Anything else gets a polite help reply; it answers the resident, so quiet hours
            // do not hold it back, but the hourly rate limit does (no reply storms).
            try cases.answer(SMSAnswer(kind: "help", recipient: message.phone, role: "resident", body: self.templates.render("help", [:])))
        }
        return (outcome, ticketId)
    }
}
