import CaseStore
import Foundation
import HotlineDomain

/// SMS commands from a volunteer's phone (docs/volunteers.md), in the grid commands' grammar
/// (``GridCommand``): `接单 <number>` or `<number> 接单` takes an order offered to it (the first
/// wins; a later taker is told, kind `command_ack`), `<number> 办结 <说明>` resolves the order it
/// took, `进展 <说明>` reports progress. Without a number a command applies to the volunteer's
/// only open order. Applied in the inbound message's transaction.
struct VolunteerCommandReplies: Sendable {
    let templates: SMSTemplates
    let timeZone: TimeZone

    /// Handles `text` from `phone`: nil when the phone is no volunteer's or the text is for
    /// another handler (a check-in, a rating), else the outcome and the ticket acted on.
    func handle(
        _ text: String, from phone: String, using snapshot: JurisdictionSnapshot, in cases: any InboundSMSCases
    ) throws -> (outcome: String, ticketId: String?)? {
        guard let volunteer = try cases.volunteer(phone: phone) else { return nil }
        guard let command = GridCommand.parse(text) else {
            if BroadcastAcknowledgement.matches(text) || CheckinReply.confirms(text) || RatingReply.parse(text) != nil { return nil }
            try self.answer(phone, kind: "help", template: "volunteer_help", [:], ticket: nil, in: cases)
            return ("command volunteer help", nil)
        }
        let what = command.verb.chineseName
        var target = command.ticketNumber
        if target == nil {
            let open = try cases.volunteerTasks(volunteer.volunteer.code, limit: 50).filter { ticket in
                command.verb == .accept ? ticket.volunteer == nil : ticket.volunteer == volunteer.volunteer.code
            }
            guard let only = open.first, open.count == 1 else {
                if open.isEmpty {
                    try self.answer(phone, kind: "command_ack", template: "command_none", ["what": what], ticket: nil, in: cases)
                    return ("command volunteer none open", nil)
                }
                let shown = open.prefix(3).map(\.number).joined(separator: "、") + (open.count > 3 ? "等" : "")
                try self.answer(
                    phone, kind: "command_ack", template: "command_ambiguous",
                    ["count": String(open.count), "numbers": shown, "what": command.verb == .accept ? what : "\(what) 说明"], ticket: nil,
                    in: cases
                )
                return ("command volunteer ambiguous \(open.count) open", nil)
            }
            target = only.number
        }
        let number = target ?? ""
        do {
            // A refusal must leave nothing behind: the take or reply is all or nothing.
            let (template, ticket, outcome) = try cases.atomically { () throws -> (String, Ticket, String) in
                let mine = try cases.find(number).map { $0.volunteer == volunteer.volunteer.code } ?? false
                if command.verb == .accept, !mine {
                    let take = try cases.take(number, volunteer: volunteer)
                    switch take.outcome {
                    case .taken, .alreadyYours: return ("volunteer_taken", take.ticket, "take")
                    case .takenByOther: return ("volunteer_late", take.ticket, "late")
                    case .notOffered: throw CaseError.notFound(number)
                    case .closed(let status): throw CaseError.illegal(action: "take", status: status)
                    }
                }
                let ticket = try cases.volunteerReply(
                    number, action: GridCommandReplies.action(command.verb), volunteer: volunteer,
                    note: command.note.map { String($0.prefix(1000)) }, using: snapshot
                )
                return (command.verb == .accept ? "volunteer_taken" : "volunteer_ack", ticket, command.verb.rawValue)
            }
            let deadline = ticket.deadlines.resolveBy.map { DeadlineText(timeZone: self.timeZone).format($0) } ?? "按规定"
            let done = command.verb == .progress ? "记录进展" : what
            try self.answer(
                phone, kind: "command_ack", template: template, ["number": ticket.number, "what": done, "deadline": deadline], ticket: ticket,
                in: cases
            )
            return ("command volunteer \(outcome) \(ticket.number)", outcome == "late" ? nil : ticket.id)
        } catch let error as CaseError {
            try self.answer(
                phone, kind: "command_ack", template: "command_refused",
                ["number": number, "what": what, "reason": GridCommandReplies.reason(error, command.verb)], ticket: nil, in: cases
            )
            return ("command volunteer refused: \(error.description)", nil)
        }
    }

    private func answer(
        _ phone: String, kind: String, template: String, _ values: [String: String], ticket: Ticket?, in cases: any InboundSMSCases
    ) throws {
        try cases.answer(
            SMSAnswer(
                kind: kind, recipient: phone, role: "volunteer", body: self.templates.render(template, values), ticketId: ticket?.id,
                ticketNumber: ticket?.number
            )
        )
    }
}
