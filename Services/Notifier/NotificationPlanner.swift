import AMQP
import CaseStore
import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

/// Decides who hears what for each case event and writes the SMS rows (the table "Who hears
/// what" in docs/notifications.md lists the rules), keyed by the event, so a redelivered event never
/// plans a second SMS. Sending happens after the commit (handed over in memory) or from the table.
///
/// Events carry no personal data (``TicketSummary``): the tickets the batch's events are about
/// are read from the database, in one query per batch, for the resident's phone and the words
/// of the SMS.
struct NotificationPlanner: MessageHandler {
    let templates: SMSTemplates
    let jurisdiction: JurisdictionCache
    let quietHours: QuietHours?
    let timeZone: TimeZone
    let metrics: SMSMetrics
    /// This process's sender, given the SMS due now once their transaction commits.
    var handoff: SMSHandoff? = nil
    let consumerName = "notifier.events"
    /// Every row it writes is keyed by the event (`notifications` by event, kind and recipient;
    /// a broadcast's recipients by broadcast and phone, its fan-out once), each insert skipping a
    /// conflict: a redelivered event changes nothing, so no inbox row is kept for it.
    var isIdempotentByItself: Bool { true }

    func decode(_ delivery: AMQPDelivery) throws -> PlannerEvent {
        let event = try EventMessage.decode(delivery, as: PlannerEvent.Data.self)
        guard let type = event.eventType else { throw PoisonMessage("unknown event type '\(event.type)'") }
        // The fan-out reads its own fields of `data`: a broadcast keeps its whole envelope.
        let broadcast = type == .broadcastCreated ? try EventMessage.decode(delivery) : nil
        return PlannerEvent(event: event, broadcast: broadcast)
    }

    func apply(_ events: [PlannerEvent], on connection: PostgresConnection) throws {
        let snapshot = self.jurisdiction.loaded
        var planned: [PlannedNotification] = []
        let ticketIds = events.compactMap { $0.broadcast == nil ? $0.event.ticketId : nil }
        let tickets = try CaseStore.tickets(ids: ticketIds, routingRules: false, on: connection)
        for event in events {
            if let broadcast = event.broadcast {
                guard let snapshot else { throw JurisdictionMissing() }
                let fanOut = try BroadcastFanOut(templates: self.templates).plan(
                    broadcast, snapshot: snapshot, recordingIn: PostgresBroadcastFanOutStore(connection: connection)
                )
                try PlannedNotification.insert(fanOut, on: connection)
            } else if let ticket = event.event.ticketId.flatMap({ tickets[$0.lowercased()] }) {
                planned += try self.plan(event.event, ticket: ticket, snapshot: snapshot)
                planned += try VolunteerNotices(templates: self.templates, timeZone: self.timeZone)
                    .plan(event.event, ticket: ticket, snapshot: snapshot, volunteers: PostgresVolunteerDirectory(connection: connection, timeZone: self.timeZone))
            }
        }
        try PlannedNotification.insert(planned, handoff: self.handoff, on: connection)
        self.metrics.deferredQuietHours.increment(by: planned.filter { $0.deferredReason == "quiet_hours" }.count)
    }

    /// The notifications one event about `ticket` (as the database has it now) causes.
    func plan(_ event: TypedEventEnvelope<PlannerEvent.Data>, ticket: Ticket, snapshot: JurisdictionSnapshot?) throws -> [PlannedNotification] {
        guard let type = event.eventType, let data = event.data else { return [] }
        let grid = ticket.routing?.grid.flatMap { snapshot?.grids.grid(code: $0) }
        var out: [PlannedNotification] = []
        func add(_ kind: String, template: String? = nil, to phone: String?, role: String, urgent: Bool, _ values: [String: String]) {
            guard let phone, !phone.isEmpty else { return }
            var values = values
            values["number"] = ticket.number
            let now = Date()
            // Quiet hours hold back resident messages, never emergencies, 三重 matters or staff alerts.
            let notBefore = (role == "resident" && !urgent) ? (self.quietHours?.release(now) ?? now) : now
            out.append(
                PlannedNotification(
                    at: event.occurredAt, sourceEvent: event.id, kind: kind, ticketId: ticket.id, ticketNumber: ticket.number, recipient: phone,
                    role: role, body: self.templates.render(template ?? kind, values), urgent: urgent, notBefore: notBefore,
                    deferredReason: notBefore > now ? "quiet_hours" : nil
                )
            )
        }
        let resident = ticket.caller.phone
        let urgent = ticket.urgency == .emergency || ticket.major != nil
        let deadline = self.format(ticket.deadlines.resolveBy)
        let place = ticket.location.address ?? grid?.name ?? ""
        switch type {
        case .ticketReceived:
            if let promised = data.promisedBy.flatMap(HotlineJSON.parseDate) {
                add("receipt", to: resident, role: "resident", urgent: urgent, ["deadline": self.format(promised)])
            } else {
                add("receipt", template: "receipt_no_deadline", to: resident, role: "resident", urgent: urgent, [:])
            }
        case .ticketAssigned:
            let handlerName = ticket.routing?.departments.first { $0.role == .lead }?.name
                ?? ticket.routing?.communityName.map { $0 + (ticket.handler == .secretary ? "书记" : ticket.handler == .volunteer ? "志愿服务队" : "") } ?? "属地社区"
            add("assigned", to: resident, role: "resident", urgent: urgent, ["handler": handlerName, "deadline": deadline])
            let task = ["grid": grid?.name ?? "", "address": place, "description": self.short(ticket.description), "deadline": deadline]
            if ticket.major != nil || ticket.handler == .secretary {
                let alert = [
                    "major": self.majorName(ticket.major), "grid": grid?.name ?? "", "address": place,
                    "description": self.short(ticket.description),
                ]
                add("secretary_alert", to: grid?.secretary.phone, role: "secretary", urgent: true, alert)
                if grid?.worker.phone != grid?.secretary.phone {
                    add("secretary_alert", to: grid?.worker.phone, role: "grid_worker", urgent: true, alert)
                }
            } else if ticket.handler == .community {
                add("grid_task", to: grid?.worker.phone, role: "grid_worker", urgent: urgent, task)
            }
            // A missed check-in is already the grid worker's task: no second SMS for it.
            if let household = ticket.routing?.household, household.colour == .red, ticket.category != Category.wellbeingCheck {
                let alert = [
                    "household": household.code, "reason": String(household.reason.split(separator: ": ", maxSplits: 1).last ?? ""), "address": place, "description": self.short(ticket.description),
                ]
                add("household_alert", to: grid?.worker.phone, role: "grid_worker", urgent: true, alert)
            }
        case .ticketResolved:
            let note = data.note ?? "已处理完毕"
            add("rating_request", to: resident, role: "resident", urgent: false, ["note": self.short(note)])
        case .ticketAnswered:
            if let article = data.article {
                add("answer", to: resident, role: "resident", urgent: false, AnswerText.values(title: article.title, answer: article.answer, number: ticket.number, templates: self.templates))
            }
        case .ticketReopened:
            add("reopened", to: resident, role: "resident", urgent: false, ["deadline": deadline])
        case .ticketExtensionApproved:
            let reason = self.short(ticket.extensionRequest?.reason ?? "办理需要")
            add("deadline_extended", to: resident, role: "resident", urgent: false, ["deadline": deadline, "reason": reason])
        case .ticketResumed:
            let reason = self.short(ticket.pause?.reason ?? "等待相关方")
            add("deadline_extended", to: resident, role: "resident", urgent: false, ["deadline": deadline, "reason": reason])
        case .ticketOverdue where ticket.handler == .volunteer:
            break  // VolunteerNotices: the secretary (nobody took it) or the taker (late).
        case .ticketOverdue:
            let what = data.what == "respond" ? "响应" : data.what == "report_in" ? "报到" : "办结"
            let level = ["community": "社区", "street": "街道综治中心", "district": "区综治中心"][ticket.level.rawValue] ?? ""
            let values = ["what": what, "deadline": deadline, "level": level]
            if data.what == "report_in" {
                // A summoned department late to report in (吹哨报到): told itself.
                add("overdue", to: data.department.flatMap { snapshot?.department($0)?.phone }, role: "department", urgent: true, values)
            } else if let lead = ticket.routing?.departments.first(where: { $0.role == .lead }) {
                add("overdue", to: snapshot?.department(lead.code)?.phone, role: "department", urgent: true, values)
            } else {
                add("overdue", to: grid?.worker.phone, role: "grid_worker", urgent: true, values)
            }
        default:
            break
        }
        return out
    }

    private func short(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    private func majorName(_ major: MajorMatter?) -> String {
        major?.chineseName ?? "书记负责"
    }

    func format(_ date: Date?) -> String {
        guard let date else { return "规定时限" }
        return DeadlineText(timeZone: self.timeZone).format(date)
    }
}
