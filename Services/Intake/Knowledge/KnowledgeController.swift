import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// The knowledge base's API (CONTRACTS section 12): articles kept by admins and, for their
/// own department's articles, department keys; search for operators while the caller speaks;
/// the questions of the week that no article answered.
struct KnowledgeController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The articles, their search and the unanswered questions.
    let knowledge: any KnowledgeRepository
    /// The current jurisdiction (categories, departments, synonyms).
    let jurisdiction: any JurisdictionSource
    /// Where outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/knowledge") { request, _ in try await self.create(request) }
        router.get("v1/knowledge") { request, _ in try await self.list(request) }
        router.get("v1/knowledge/search") { request, _ in try await self.find(request) }
        router.get("v1/knowledge/unanswered") { request, _ in try await self.unanswered(request) }
        router.get("v1/knowledge/:id") { request, context in try await self.show(request, context.parameters.require("id")) }
        router.put("v1/knowledge/:id") { request, context in try await self.update(request, context.parameters.require("id")) }
        router.delete("v1/knowledge/:id") { request, context in try await self.delete(request, context.parameters.require("id")) }
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin, .department])
        let (draft, snapshot) = try await self.draft(request, principal)
        let article = try await self.mapErrors { try await self.knowledge.save(draft, id: nil, by: principal.name, snapshot: snapshot) }
        return try JSONResponse.make(article, status: .created, headers: [.location: "/v1/knowledge/\(article.id)"])
    }

    private func update(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin, .department])
        try await self.requireOwner(principal, id)
        let (draft, snapshot) = try await self.draft(request, principal)
        do {
            return try JSONResponse.make(try await self.mapErrors { try await self.knowledge.save(draft, id: id, by: principal.name, snapshot: snapshot) })
        } catch is KnowledgeNotFound {
            throw APIError.notFound("article \(id) not found")
        }
    }

    private func delete(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin, .department])
        try await self.requireOwner(principal, id)
        guard try await self.mapErrors({ try await self.knowledge.delete(id, by: principal.name) }) else {
            throw APIError.notFound("article \(id) not found")
        }
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    private func show(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin, .department])
        guard let article = try await self.mapErrors({ try await self.knowledge.find(id) }) else {
            throw APIError.notFound("article \(id) not found")
        }
        return try JSONResponse.make(article)
    }

    private func list(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .department])
        let query = request.uri.queryParameters
        let department = principal.role == .department ? principal.department : query["department"].map(String.init)
        let limit = min(max(query["limit"].flatMap { Int($0) } ?? 200, 1), 1000)
        let articles = try await self.mapErrors { try await self.knowledge.list(department: department, limit: limit) }
        return try JSONResponse.make(["articles": articles])
    }

    private func find(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let parameters = request.uri.queryParameters
        let text = parameters["q"].map(String.init)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !text.isEmpty else { throw APIError.badRequest(field: "q", "required: the caller's words") }
        guard text.count <= 500 else { throw APIError.badRequest(field: "q", "longer than 500 characters") }
        let limit = min(max(parameters["limit"].flatMap { Int($0) } ?? 10, 1), 50)
        let snapshot = try? await self.jurisdiction.snapshot()
        let query = KnowledgeQuery(text, synonyms: SynonymTable(snapshot?.jurisdiction.catalog.synonyms ?? []))
        let results = try await self.mapErrors { try await self.knowledge.search(query, limit: limit) }
        return try JSONResponse.make(["results": results])
    }

    /// `GET /v1/knowledge/unanswered?days=`: the questions asked since the start of this week
    /// (Monday, local; or the last `days` days) that no article answered: calls of a question
    /// category (`policy_question`, or a category whose name says 咨询) or without a category
    /// that were not answered directly, and direct answers the caller was dissatisfied with.
    private func unanswered(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin, .department])
        let snapshot = try await self.jurisdiction.snapshot()
        let since: Date
        if let days = request.uri.queryParameters["days"].flatMap({ Int($0) }), (1...90).contains(days) {
            since = Date().addingTimeInterval(-Double(days) * 86_400)
        } else {
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = self.knowledge.timeZone
            since = calendar.dateInterval(of: .weekOfYear, for: Date())?.start ?? Date().addingTimeInterval(-7 * 86_400)
        }
        let questionCategories = snapshot.jurisdiction.catalog.categories.filter { $0.code.contains("question") || $0.name.contains("咨询") }
            .map(\.code)
        let rows = try await self.mapErrors { try await self.knowledge.unanswered(since: since, questionCategories: questionCategories) }
        struct Report: Encodable {
            var since: Date
            var questions: [UnansweredQuestion]
        }
        return try JSONResponse.make(Report(since: since, questions: rows))
    }

    /// The validated draft of the request's body; a department key writes only its own
    /// department's articles (the department is set to its own when left out).
    private func draft(_ request: Request, _ principal: Principal) async throws -> (KnowledgeDraft, JurisdictionSnapshot) {
        let bytes = try await request.jsonBody(limit: 256 * 1024)
        guard case .object(var members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            throw APIError.badRequest(field: "body", "not a JSON object")
        }
        if principal.role == .department {
            if let given = members["department"]?.stringValue, given != principal.department {
                throw APIError.forbidden("a department key writes only its own department's articles")
            }
            members["department"] = principal.department.map(JSONValue.string) ?? .null
        }
        let snapshot = try await self.jurisdiction.snapshot()
        let catalog = snapshot.jurisdiction.catalog
        let (draft, issues) = KnowledgeDraft.validate(
            members, categories: Set(catalog.categories.map(\.code)), departments: Set(catalog.departments.map(\.code))
        )
        guard let draft else { throw APIError.badRequest(issues.map { .init(field: $0.field, message: $0.message) }) }
        return (draft, snapshot)
    }

    /// 404 for an unknown article; 403 for a department key on another department's article.
    private func requireOwner(_ principal: Principal, _ id: String) async throws {
        guard let owner = try await self.mapErrors({ try await self.knowledge.owner(id) }) else {
            throw APIError.notFound("article \(id) not found")
        }
        if principal.role == .department, owner != principal.department {
            throw APIError.forbidden("a department key writes only its own department's articles")
        }
    }

    /// Runs `body`, mapping case refusals and outages to API errors.
    private func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        try await APIError.mapping(self.logger, body)
    }
}
