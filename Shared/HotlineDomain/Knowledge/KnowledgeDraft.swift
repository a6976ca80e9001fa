/// An article as someone wrote it (over the API or in a Markdown file), validated: what the
/// knowledge base stores, before it has an id or a version.
public struct KnowledgeDraft: Sendable, Hashable, Codable {
    /// The question the article answers, as a heading ("城乡居民医保个人缴费标准").
    public var title: String
    /// The full answer an operator reads out.
    public var body: String
    /// A short answer for the caller's SMS; when absent, the body's opening is used.
    public var answer: String?
    /// Catalog category codes the article belongs to.
    public var categories: [String]
    /// Words callers use for it.
    public var keywords: [String]
    /// The catalog department that owns and maintains it.
    public var department: String?
    /// First day it is valid (local), if bounded.
    public var validFrom: LocalDate?
    /// Last day it is valid (local), if bounded.
    public var validTo: LocalDate?

    /// A draft of these fields.
    public init(
        title: String, body: String, answer: String? = nil, categories: [String] = [], keywords: [String] = [],
        department: String? = nil, validFrom: LocalDate? = nil, validTo: LocalDate? = nil
    ) {
        self.title = title
        self.body = body
        self.answer = answer
        self.categories = categories
        self.keywords = keywords
        self.department = department
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Whether the article may be offered on `day`.
    public func isValid(on day: LocalDate) -> Bool {
        (self.validFrom.map { $0 <= day } ?? true) && (self.validTo.map { day <= $0 } ?? true)
    }

    /// The fields a draft is made of; anything else is refused.
    public static let fields: Set<String> = ["title", "body", "answer", "categories", "keywords", "department", "validFrom", "validTo"]

    /// Longest title, short answer and body accepted.
    public static let maxTitle = 100, maxAnswer = 200, maxBody = 20_000

    /// Validates `members` (a JSON object's or front matter's fields) against the catalog's
    /// `categories` and `departments`; every problem is reported with its field, none stops
    /// the others from being found.
    public static func validate(
        _ members: [String: JSONValue], categories: Set<String>, departments: Set<String>
    ) -> (draft: KnowledgeDraft?, issues: [(field: String, message: String)]) {
        var issues: [(field: String, message: String)] = []
        func fail(_ field: String, _ message: String) { issues.append((field, message)) }
        func text(_ field: String, max: Int, required: Bool) -> String? {
            guard let value = members[field], !value.isNull else {
                if required { fail(field, "required") }
                return nil
            }
            guard let string = value.stringValue else { fail(field, "must be a string"); return nil }
            let trimmed = string.trimmingWhitespace()
            if trimmed.isEmpty {
                if required { fail(field, "must not be empty") }
                return nil
            }
            if trimmed.count > max { fail(field, "longer than \(max) characters") }
            // PostgreSQL's text holds no NUL (and one ends an array literal early).
            if trimmed.unicodeScalars.contains("\u{0}") { fail(field, "contains a NUL character") }
            return trimmed
        }
        func list(_ field: String) -> [String] {
            guard let value = members[field], !value.isNull else { return [] }
            guard let array = value.arrayValue else { fail(field, "must be an array of strings"); return [] }
            var out: [String] = []
            for (index, element) in array.enumerated() {
                guard let string = element.stringValue?.trimmingWhitespace(), !string.isEmpty else {
                    fail("\(field)[\(index)]", "must be a non-empty string")
                    continue
                }
                if string.count > 50 { fail("\(field)[\(index)]", "longer than 50 characters") }
                if string.unicodeScalars.contains("\u{0}") { fail("\(field)[\(index)]", "contains a NUL character") }
                if !out.contains(string) { out.append(string) }
            }
            return out
        }
        func date(_ field: String) -> LocalDate? {
            guard let value = text(field, max: 10, required: false) else { return nil }
            guard let date = LocalDate(value) else { fail(field, "must be a date YYYY-MM-DD"); return nil }
            return date
        }
        for key in members.keys.sorted() where !self.fields.contains(key) { fail(key, "unknown field") }
        let title = text("title", max: self.maxTitle, required: true)
        let body = text("body", max: self.maxBody, required: true)
        let answer = text("answer", max: self.maxAnswer, required: false)
        let categoryCodes = list("categories")
        for (index, code) in categoryCodes.enumerated() where !categories.contains(code) {
            fail("categories[\(index)]", "unknown category '\(code)'")
        }
        let keywords = list("keywords")
        let department = text("department", max: 64, required: false)
        if let department, !departments.contains(department) { fail("department", "unknown department '\(department)'") }
        let validFrom = date("validFrom"), validTo = date("validTo")
        if let validFrom, let validTo, validTo < validFrom { fail("validTo", "before validFrom") }
        guard issues.isEmpty, let title, let body else { return (nil, issues) }
        return (
            KnowledgeDraft(
                title: title, body: body, answer: answer, categories: categoryCodes, keywords: keywords, department: department,
                validFrom: validFrom, validTo: validTo
            ),
            []
        )
    }
}
