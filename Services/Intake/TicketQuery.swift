import CaseStore
import Foundation
import HotlineDomain

/// `GET /v1/tickets`'s query string read into a ``TicketFilter`` (the filter itself, its paging
/// and its SQL, is the store's).
struct TicketQuery {
    /// What the parameters ask for.
    var filter = TicketFilter()

    /// Parses the query string; 400 naming every bad parameter.
    init(_ parameters: some Sequence<(key: Substring, value: Substring)>) throws {
        var errors: [APIError.FieldError] = []
        for (key, value) in parameters {
            let text = String(value).removingPercentEncoding ?? String(value)
            switch key {
            case "status":
                self.filter.status = TicketStatus(rawValue: text)
                if self.filter.status == nil { errors.append(.init(field: "status", message: "unknown status '\(text)'")) }
            case "overdue", "major", "followUp":
                guard text == "true" || text == "false" else {
                    errors.append(.init(field: String(key), message: "must be true or false"))
                    continue
                }
                switch key {
                case "overdue": self.filter.overdue = text == "true"
                case "major": self.filter.major = text == "true"
                default: self.filter.followUp = text == "true"
                }
            case "sort":
                guard text == "created" || text == "deadline" else {
                    errors.append(.init(field: "sort", message: "must be created or deadline"))
                    continue
                }
                self.filter.byDeadline = text == "deadline"
            case "street": self.filter.street = text
            case "grid": self.filter.grid = text
            case "department": self.filter.department = text
            case "from", "to":
                guard let date = HotlineJSON.parseDate(text) else {
                    errors.append(.init(field: String(key), message: "not an ISO 8601 date-time"))
                    continue
                }
                if key == "from" { self.filter.from = date } else { self.filter.to = date }
            case "limit":
                guard let n = Int(text), (1...500).contains(n) else {
                    errors.append(.init(field: "limit", message: "must be 1...500"))
                    continue
                }
                self.filter.limit = n
            case "cursor":
                guard let cursor = TicketFilter.decodeCursor(text) else {
                    errors.append(.init(field: "cursor", message: "not a cursor from a previous page"))
                    continue
                }
                self.filter.cursor = cursor
            default:
                errors.append(.init(field: String(key), message: "unknown parameter"))
            }
        }
        if !errors.isEmpty { throw APIError.badRequest(errors) }
    }
}
