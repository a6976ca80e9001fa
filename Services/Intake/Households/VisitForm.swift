import CaseStore
import Foundation
import HotlineDomain

/// A visit (走访) as `POST /v1/households/{code}/visits` takes it, validated field by field.
struct VisitForm {
    struct TicketRequest {
        var description: String
        var category: String?
        var urgency: Urgency?
        var major: MajorMatter?
    }

    var visitor: String
    var visitedAt: Date
    var findings: String
    var ticket: TicketRequest?

    static func parse(_ body: [String: Any], defaultVisitor: String, snapshot: JurisdictionSnapshot, now: Date = Date()) throws -> VisitForm {
        var errors: [APIError.FieldError] = []
        func text(_ value: Any?, _ field: String, max: Int, required: Bool) -> String? {
            guard let value, !(value is NSNull) else {
                if required { errors.append(.init(field: field, message: "required")) }
                return nil
            }
            guard let string = (value as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !string.isEmpty else {
                errors.append(.init(field: field, message: "must be a non-empty string"))
                return nil
            }
            if string.count > max { errors.append(.init(field: field, message: "at most \(max) characters")) }
            return string
        }
        let visitor = text(body["visitor"], "visitor", max: 100, required: false) ?? defaultVisitor
        let findings = text(body["findings"], "findings", max: 2000, required: true)
        var visitedAt = now
        if let value = text(body["visitedAt"], "visitedAt", max: 40, required: false) {
            if let date = HotlineJSON.parseDate(value) {
                if date > now.addingTimeInterval(300) { errors.append(.init(field: "visitedAt", message: "is in the future")) }
                visitedAt = date
            } else {
                errors.append(.init(field: "visitedAt", message: "not an ISO 8601 date-time"))
            }
        }
        var ticket: TicketRequest?
        if let value = body["ticket"], !(value is NSNull) {
            if let fields = value as? [String: Any] {
                let description = text(fields["description"], "ticket.description", max: 2000, required: false) ?? findings ?? ""
                let category = text(fields["category"], "ticket.category", max: 100, required: false)
                if let category, snapshot.category(category) == nil, Category.builtIn[category] == nil {
                    errors.append(.init(field: "ticket.category", message: "unknown category '\(category)'"))
                }
                var urgency: Urgency?
                if let raw = text(fields["urgency"], "ticket.urgency", max: 20, required: false) {
                    urgency = Urgency(rawValue: raw)
                    if urgency == nil { errors.append(.init(field: "ticket.urgency", message: "must be emergency, urgent or general")) }
                }
                var major: MajorMatter?
                if let raw = text(fields["major"], "ticket.major", max: 20, required: false) {
                    major = MajorMatter(rawValue: raw)
                    if major == nil { errors.append(.init(field: "ticket.major", message: "must be accident, disaster or dispute")) }
                }
                ticket = TicketRequest(description: description, category: category, urgency: urgency, major: major)
            } else {
                errors.append(.init(field: "ticket", message: "must be an object"))
            }
        }
        guard errors.isEmpty, let findings else { throw APIError.badRequest(errors) }
        return VisitForm(visitor: visitor, visitedAt: visitedAt, findings: findings, ticket: ticket)
    }
}
