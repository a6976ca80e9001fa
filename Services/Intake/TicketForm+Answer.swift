import Foundation

extension TicketForm {
    /// The `answer` of `POST /v1/tickets` (a direct answer, CONTRACTS section 12):
    /// `{"article": <id>, "note"?: <text>}`, or nil when the call is not answered directly.
    static func answer(_ value: Any?) throws -> (article: String, note: String?)? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else { throw APIError.badRequest(field: "answer", "must be an object {article, note?}") }
        var errors: [APIError.FieldError] = []
        for key in object.keys where key != "article" && key != "note" { errors.append(.init(field: "answer.\(key)", message: "unknown field")) }
        let article = (object["article"] as? String)?.trimmingCharacters(in: .whitespaces)
        if article == nil || UUID(uuidString: article ?? "") == nil {
            errors.append(.init(field: "answer.article", message: "required: the id of a knowledge article"))
        }
        var note: String?
        if let raw = object["note"], !(raw is NSNull) {
            if let text = raw as? String, text.count <= 500 {
                note = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                errors.append(.init(field: "answer.note", message: "must be a string of at most 500 characters"))
            }
        }
        guard errors.isEmpty, let article else { throw APIError.badRequest(errors) }
        return (article.lowercased(), note?.isEmpty == true ? nil : note)
    }
}
