import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// Monthly topics (每月一题, docs/supervision.md): the month's recurring problems (a category in
/// one street, community or grid, with the earlier months' counts, the trend and the newest
/// tickets behind it), and the topics an operator promoted from them, tracked with an owner
/// department, a target date, a status and their linked tickets. A `screen` key reads the list
/// (counts, places and names only).
///
/// - `GET /v1/topics/candidates?month=YYYY-MM&area=community&months=3&min=3&limit=20`
/// - `POST /v1/topics` `{month, category, area: {level, code}, ownerDepartment, targetDate, title?, note?}`
/// - `GET /v1/topics?status=open,in_progress`, `GET /v1/topics/{id}` (with its tickets)
/// - `PATCH /v1/topics/{id}` `{status?, ownerDepartment?, targetDate?, note?, linkSince?}`
struct TopicsController: Sendable {
    let auth: Authenticator
    let topics: any TopicRepository
    let jurisdiction: JurisdictionCache
    /// The business zone: months and target dates are local.
    let timeZone: TimeZone

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/topics/candidates") { request, _ in try await self.candidates(request) }
        router.get("v1/topics") { request, _ in try await self.list(request) }
        router.post("v1/topics") { request, _ in try await self.create(request) }
        router.get("v1/topics/:id") { request, context in try await self.show(request, context.parameters.require("id")) }
        router.patch("v1/topics/:id") { request, context in try await self.update(request, context.parameters.require("id")) }
    }

    /// The topic with its tickets (`GET /v1/topics/{id}`).
    struct Detail: Encodable {
        var topic: Topic
        var ticketList: [TopicTicket]

        func encode(to encoder: any Encoder) throws {
            try self.topic.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(self.ticketList, forKey: .ticketList)
        }

        enum Key: String, CodingKey { case ticketList }
    }

    /// `GET /v1/topics/candidates`: the month, the area level, the earlier months and the rows.
    struct Candidates: Encodable {
        var month: String
        var area: String
        /// The earlier months, oldest first: the labels of each candidate's `previous`.
        var previousMonths: [String]
        var rows: [TopicCandidate]
    }

    private func candidates(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let query = request.uri.queryParameters
        var errors: [APIError.FieldError] = []
        let month = self.month(query["month"].map(String.init), errors: &errors)
        let level = query["area"].map(String.init) ?? "community"
        if Topic.Area.columns[level] == nil { errors.append(.init(field: "area", message: "must be street, community or grid")) }
        func number(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            guard let text = query[Substring(name)] else { return fallback }
            guard let n = Int(text), range.contains(n) else {
                errors.append(.init(field: name, message: "must be \(range.lowerBound)...\(range.upperBound)"))
                return fallback
            }
            return n
        }
        let months = number("months", 3, 1...12)
        let minimum = number("min", 3, 1...10_000)
        let limit = number("limit", 20, 1...100)
        guard errors.isEmpty, let month else { throw APIError.badRequest(errors) }
        let starts = (0...months).reversed().map { Self.adding(months: -$0, to: month) }
        let bounds = (starts + [Self.adding(months: 1, to: month)]).map { $0.startOfDay(in: self.timeZone) }
        let label = Self.label(month)
        var rows = try await self.topics.candidates(
            TopicCandidateQuery(month: label, bounds: bounds, level: level, minimum: minimum, limit: limit)
        )
        let snapshot = try? await self.jurisdiction.snapshot()
        for index in rows.indices {
            rows[index].categoryName = snapshot?.category(rows[index].category)?.name
            rows[index].area.name = Self.areaName(rows[index].area, snapshot)
        }
        return try JSONResponse.make(
            Candidates(month: label, area: level, previousMonths: starts.dropLast().map(Self.label), rows: rows)
        )
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin, .screen])
        var statuses: [TopicStatus] = []
        if let text = request.uri.queryParameters["status"], !text.isEmpty {
            for part in text.split(separator: ",") {
                guard let status = TopicStatus(rawValue: String(part)) else {
                    throw APIError.badRequest(field: "status", "open, in_progress, done or dropped, comma-separated")
                }
                statuses.append(status)
            }
        }
        let snapshot = try? await self.jurisdiction.snapshot()
        let rows = try await self.topics.list(statuses: statuses).map { self.named($0, snapshot) }
        return try JSONResponse.make(["topics": rows])
    }

    private func show(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        guard let topic = try await self.topics.topic(id) else { throw APIError.notFound("topic \(id) not found") }
        let snapshot = try? await self.jurisdiction.snapshot()
        return try JSONResponse.make(Detail(topic: self.named(topic, snapshot), ticketList: try await self.topics.tickets(of: id, limit: 500)))
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        let snapshot = try await self.jurisdiction.snapshot()
        var errors: [APIError.FieldError] = []
        let month = self.month(body["month"] as? String, errors: &errors, required: true)
        let category = body["category"] as? String
        if category.flatMap(snapshot.category) == nil { errors.append(.init(field: "category", message: "required: a category code of the catalog")) }
        let area = body["area"] as? [String: Any]
        let level = area?["level"] as? String ?? ""
        let code = area?["code"] as? String ?? ""
        if Topic.Area.columns[level] == nil {
            errors.append(.init(field: "area.level", message: "required: street, community or grid"))
        } else if Self.areaName(.init(level: level, code: code), snapshot) == nil {
            errors.append(.init(field: "area.code", message: "required: a \(level) of the jurisdiction"))
        }
        let owner = body["ownerDepartment"] as? String
        if owner.flatMap(snapshot.department) == nil { errors.append(.init(field: "ownerDepartment", message: "required: a department code")) }
        let target = self.targetDate(body["targetDate"], errors: &errors, required: true)
        let title = try FreeText.optional(body, "title", max: 200)
        let note = try FreeText.optional(body, "note")
        guard errors.isEmpty, let month, let category, let owner, let target else { throw APIError.badRequest(errors) }
        let areaValue = Topic.Area(level: level, code: code)
        let new = NewTopic(
            month: Self.label(month), from: month.startOfDay(in: self.timeZone),
            to: Self.adding(months: 1, to: month).startOfDay(in: self.timeZone), category: category, area: areaValue,
            title: title ?? "\(snapshot.category(category)?.name ?? category) · \(Self.areaName(areaValue, snapshot) ?? code)",
            ownerDepartment: owner, targetDate: target, note: note
        )
        let topic = try await self.topics.create(new, by: principal.name)
        return try JSONResponse.make(self.named(topic, snapshot), status: .created, headers: [.location: "/v1/topics/\(topic.id)"])
    }

    private func update(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        let snapshot = try await self.jurisdiction.snapshot()
        var errors: [APIError.FieldError] = []
        var change = TopicChange()
        if let text = body["status"] {
            change.status = (text as? String).flatMap(TopicStatus.init(rawValue:))
            if change.status == nil { errors.append(.init(field: "status", message: "open, in_progress, done or dropped")) }
        }
        if let owner = body["ownerDepartment"] {
            change.ownerDepartment = owner as? String
            if change.ownerDepartment.flatMap(snapshot.department) == nil {
                errors.append(.init(field: "ownerDepartment", message: "a department code"))
            }
        }
        change.targetDate = self.targetDate(body["targetDate"], errors: &errors, required: false)
        change.note = try FreeText.optional(body, "note")
        if let link = body["linkSince"] {
            guard let flag = link as? Bool else { throw APIError.badRequest(field: "linkSince", "true or false") }
            change.linkSince = flag
        }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        guard let topic = try await self.topics.update(id, change, by: principal.name) else { throw APIError.notFound("topic \(id) not found") }
        return try JSONResponse.make(self.named(topic, snapshot))
    }

    /// The topic with its names from the jurisdiction.
    private func named(_ topic: Topic, _ snapshot: JurisdictionSnapshot?) -> Topic {
        var topic = topic
        topic.categoryName = snapshot?.category(topic.category)?.name
        topic.area.name = Self.areaName(topic.area, snapshot)
        topic.ownerDepartmentName = snapshot?.department(topic.ownerDepartment)?.name
        return topic
    }

    /// A `YYYY-MM` month's first day (default: this month), or an error.
    private func month(_ text: String?, errors: inout [APIError.FieldError], required: Bool = false) -> LocalDate? {
        guard let text else {
            if required { errors.append(.init(field: "month", message: "required: YYYY-MM")) }
            return required ? nil : Self.adding(months: 0, to: LocalDate(Date(), timeZone: self.timeZone))
        }
        guard text.count == 7, let first = LocalDate(text + "-01") else {
            errors.append(.init(field: "month", message: "YYYY-MM"))
            return nil
        }
        return first
    }

    /// A target date `YYYY-MM-DD`, today or later.
    private func targetDate(_ value: Any?, errors: inout [APIError.FieldError], required: Bool) -> String? {
        guard let value else {
            if required { errors.append(.init(field: "targetDate", message: "required: YYYY-MM-DD")) }
            return nil
        }
        guard let text = value as? String, let date = LocalDate(text) else {
            errors.append(.init(field: "targetDate", message: "YYYY-MM-DD"))
            return nil
        }
        guard date >= LocalDate(Date(), timeZone: self.timeZone) else {
            errors.append(.init(field: "targetDate", message: "must be today or later"))
            return nil
        }
        return date.text
    }

    /// The first day of the month `months` after the one of `date`.
    static func adding(months: Int, to date: LocalDate) -> LocalDate {
        let index = date.year * 12 + (date.month - 1) + months
        return LocalDate(year: index / 12, month: index % 12 + 1, day: 1)
    }

    /// `YYYY-MM` of a date's month.
    static func label(_ date: LocalDate) -> String {
        String(format: "%04d-%02d", date.year, date.month)
    }

    /// The name of a street, community or grid; nil when the jurisdiction has none of that code.
    static func areaName(_ area: Topic.Area, _ snapshot: JurisdictionSnapshot?) -> String? {
        guard let grids = snapshot?.jurisdiction.grids else { return nil }
        switch area.level {
        case "street": return grids.first { $0.street.code == area.code }?.street.name
        case "community": return grids.first { $0.community.code == area.code }?.community.name
        default: return grids.first { $0.code == area.code }?.name
        }
    }
}
