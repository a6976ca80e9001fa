import CaseStore
import Foundation
import HotlineDomain

/// Who hears what about a service order (docs/volunteers.md), planned in the event's
/// transaction beside ``NotificationPlanner``'s: the offer to every volunteer it went to (or the
/// secretary when it went to nobody), the others told once it is taken, a volunteer given one by
/// hand, and the secretary when nobody took it within the respond time. Events carry volunteer
/// codes only and no personal data: the order is the ticket as the database has it now (read by
/// ``NotificationPlanner`` for the batch), the volunteers' phones come from the ``VolunteerDirectory``.
struct VolunteerNotices {
    let templates: SMSTemplates
    let timeZone: TimeZone

    /// The SMS one event about the service order `ticket` causes (none for another handler's ticket).
    func plan(
        _ event: TypedEventEnvelope<PlannerEvent.Data>, ticket: Ticket, snapshot: JurisdictionSnapshot?, volunteers: any VolunteerDirectory
    ) throws -> [PlannedNotification] {
        guard let type = event.eventType, let data = event.data, ticket.handler == .volunteer else { return [] }
        let grid = ticket.routing?.grid.flatMap { snapshot?.grids.grid(code: $0) }
        let category = ticket.category.flatMap { snapshot?.jurisdiction.catalog.category(code: $0)?.name } ?? ticket.category ?? ""
        let place = ticket.location.address ?? grid?.name ?? ""
        let short = ticket.description.count > 30 ? String(ticket.description.prefix(30)) + "…" : ticket.description
        let deadline = ticket.deadlines.resolveBy.map { DeadlineText(timeZone: self.timeZone).format($0) } ?? "规定时限"
        let order = ["category": category, "address": place, "description": short, "deadline": deadline]
        var out: [PlannedNotification] = []
        func add(_ kind: String, template: String, to phone: String?, role: String, urgent: Bool, _ values: [String: String]) {
            guard let phone, !phone.isEmpty else { return }
            out.append(
                PlannedNotification(
                    at: event.occurredAt, sourceEvent: event.id, kind: kind, ticketId: ticket.id, ticketNumber: ticket.number, recipient: phone, role: role,
                    body: self.templates.render(template, values.merging(["number": ticket.number]) { a, _ in a }), urgent: urgent,
                    notBefore: Date()
                )
            )
        }
        func phones(_ codes: [String]) throws -> [String] { try volunteers.phones(of: codes) }
        switch type {
        case .ticketOffered:
            let codes = data.volunteers ?? []
            if codes.isEmpty {
                add("secretary_alert", template: "volunteer_unoffered", to: grid?.secretary.phone, role: "secretary", urgent: true, order)
            }
            for phone in try phones(codes) {
                add("volunteer_offer", template: "volunteer_offer", to: phone, role: "volunteer", urgent: false, order)
            }
        case .ticketAccepted:
            guard let taker = data.volunteer else { return [] }
            for phone in try phones(data.others ?? []) {
                add("offer_closed", template: "offer_closed", to: phone, role: "volunteer", urgent: false, [:])
            }
            if data.assignedBy != nil, let record = try volunteers.volunteer(code: taker) {
                add("volunteer_assigned", template: "volunteer_assigned", to: record.volunteer.phone, role: "volunteer", urgent: false, order)
            }
        case .ticketOverdue where data.what == "respond" && ticket.volunteer == nil:
            add("secretary_alert", template: "volunteer_unanswered", to: grid?.secretary.phone, role: "secretary", urgent: true, order)
        case .ticketOverdue:
            let taker = try ticket.volunteer.flatMap { try volunteers.volunteer(code: $0) }
            let values = ["what": "办结", "deadline": deadline, "level": "社区"]
            add("overdue", template: "overdue", to: taker?.volunteer.phone ?? grid?.secretary.phone, role: taker == nil ? "secretary" : "volunteer", urgent: true, values)
        default:
            break
        }
        return out
    }
}
