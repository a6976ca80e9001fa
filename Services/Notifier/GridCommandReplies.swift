import CaseStore
import Foundation
import HotlineDomain

/// SMS commands from the phones grids.geojson names as a grid's worker or a community's
/// secretary (docs/grid.md): `接单`, `进展 <说明>`, `办结 <说明>`, `退回 <原因>`, each optionally
/// with the ticket number. Applied as the HTTP reply of a `grid`/`secretary` key would be, in the
/// inbound message's transaction, and answered by SMS (`command_ack`, or `help`).
struct GridCommandReplies: Sendable {
    let templates: SMSTemplates
    let timeZone: TimeZone

    /// Handles `text` from `phone`: nil when the phone names no grid worker or secretary, or the
    /// text is for another handler (a broadcast acknowledgement, a check-in, a rating); else the outcome
    /// (`command …`, for `inbound_sms`) and the ticket acted on. The answer SMS is planned here.
    func handle(
        _ text: String, from phone: String, at receivedAt: Date, using snapshot: JurisdictionSnapshot, in cases: any InboundSMSCases
    ) throws -> (outcome: String, ticketId: String?)? {
        guard let party = GridParty(phone: phone, in: snapshot.grids) else {
            // A volunteer's phone speaks the same grammar about its service orders.
            return try VolunteerCommandReplies(templates: self.templates, timeZone: self.timeZone).handle(text, from: phone, using: snapshot, in: cases)
        }
        let role = party.grids.isEmpty ? "secretary" : "grid_worker"
        guard let command = GridCommand.parse(text) else {
            if BroadcastAcknowledgement.matches(text) || CheckinReply.confirms(text) || RatingReply.parse(text) != nil { return nil }
            try self.answer(phone, role: role, kind: "help", template: "grid_help", [:], ticket: nil, in: cases)
            return ("command help", nil)
        }
        let what = command.verb.chineseName
        var target = command.ticketNumber
        if target == nil {
            let open = try cases.openTasks(of: party, limit: 50)
            guard let only = open.first, open.count == 1 else {
                if open.isEmpty {
                    try self.answer(phone, role: role, kind: "command_ack", template: "command_none", ["what": what], ticket: nil, in: cases)
                    return ("command none open", nil)
                }
                let shown = open.prefix(3).map(\.number).joined(separator: "、") + (open.count > 3 ? "等" : "")
                let example = command.verb == .accept ? what : "\(what) 说明"
                try self.answer(
                    phone, role: role, kind: "command_ack", template: "command_ambiguous",
                    ["count": String(open.count), "numbers": shown, "what": example], ticket: nil, in: cases
                )
                return ("command ambiguous \(open.count) open", nil)
            }
            target = only.number
        }
        let number = target ?? ""
        do {
            // A refusal must leave nothing behind: the reply is all or nothing.
            let ticket = try cases.atomically {
                try cases.reply(number, action: Self.action(command.verb), party: party, note: command.note.map { String($0.prefix(1000)) }, using: snapshot)
            }
            let deadline = ticket.deadlines.resolveBy.map { DeadlineText(timeZone: self.timeZone).format($0) } ?? "按规定"
            let done = command.verb == .return ? "退回" : command.verb == .progress ? "记录进展" : what
            try self.answer(
                phone, role: role, kind: "command_ack", template: "command_ack", ["number": ticket.number, "what": done, "deadline": deadline],
                ticket: ticket, in: cases
            )
            return ("command \(command.verb.rawValue) \(ticket.number)", ticket.id)
        } catch let error as CaseError {
            try self.answer(
                phone, role: role, kind: "command_ack", template: "command_refused",
                ["number": number, "what": what, "reason": Self.reason(error, command.verb)], ticket: nil, in: cases
            )
            return ("command refused: \(error.description)", nil)
        }
    }

    static func action(_ verb: GridCommand.Verb) -> ReplyAction {
        switch verb {
        case .accept: .accept
        case .progress: .progress
        case .resolve: .resolve
        case .return: .return
        }
    }

    /// Why a command changed nothing, as the worker reads it.
    static func reason(_ error: CaseError, _ verb: GridCommand.Verb) -> String {
        switch error {
        case .notFound: return "不是您负责的工单，请核对工单号"
        case .illegal(_, let status):
            let names: [TicketStatus: String] = [
                .received: "待分派", .assigned: "待接单", .accepted: "处理中", .resolved: "已办结", .closed: "已关闭",
                .unroutable: "待人工派单", .cancelled: "已撤销", .duplicate: "已并入其他工单",
                .answered: "已直接答复", .returned: "退单待中心审核",
            ]
            return "工单当前\(names[status] ?? status.rawValue)"
        case .notAssigned: return "您不是该工单的责任方"
        case .invalid(let field, let message):
            if verb == .return, field == "note" { return "退回须写明原因，如“退回 不属于本网格”" }
            return message
        case .photoRequired: return "该类工单须先上传现场照片，请在手机页面上传后再办结"
        case .refused(_, let message): return message
        case .corrupt: return "系统暂时无法处理，请稍后再试"
        }
    }

    private func answer(
        _ phone: String, role: String, kind: String, template: String, _ values: [String: String], ticket: Ticket?, in cases: any InboundSMSCases
    ) throws {
        try cases.answer(
            SMSAnswer(
                kind: kind, recipient: phone, role: role, body: self.templates.render(template, values), ticketId: ticket?.id,
                ticketNumber: ticket?.number
            )
        )
    }
}
