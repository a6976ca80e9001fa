import CaseStore
import Foundation
import HotlineCrypto
import HotlineDomain
import Hummingbird
import Logging

/// The operators' ticket API: create (idempotent), read, list, dispatch, rate, cancel.
struct TicketsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The tickets.
    let tickets: any TicketRepository
    /// Tickets answered on the call from a knowledge article.
    let answers: any AnswerRepository
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where receptions and outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/tickets") { request, _ in try await self.create(request) }
        router.get("v1/tickets") { request, _ in try await self.list(request) }
        router.get("v1/tickets/:id") { request, context in try await self.show(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/dispatch") { request, context in try await self.dispatch(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/rating") { request, context in try await self.rate(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/cancel") { request, context in try await self.cancel(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/unlink") { request, context in try await self.unlink(request, context.parameters.require("id")) }
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .grid, .secretary])
        let (bytes, body) = try await request.jsonObject()
        let snapshot = try await self.jurisdiction.snapshot()
        var parsed = try TicketForm.parse(body, snapshot: snapshot)
        if principal.gridParty != nil { try Self.patrolReport(&parsed, by: principal) }
        // The caller's W3C trace, or a new one: it follows the ticket through every event.
        let trace = request.headers[.init("traceparent")!].flatMap(TraceContext.init(traceparent:)) ?? .random()
        parsed.traceId = trace.traceId
        let new = parsed
        let idempotencyKey = request.headers[.init("Idempotency-Key")!].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        let idempotency = idempotencyKey.map { key in
            // The same JSON with its keys in another order is the same request. Only with a key:
            // re-serialising every body was 8 % of intake's CPU.
            let canonical = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data(bytes)
            return IdempotencyKey(apiKeyId: principal.keyId, key: key, requestHash: SHA256Digest.hex(String(decoding: canonical, as: UTF8.self)))
        }
        if let answer = try TicketForm.answer(body["answer"]) {
            let (ticket, replayed) = try await self.mapErrors {
                try await self.answers.create(new, article: answer.article, note: answer.note, by: principal.name, idempotency: idempotency)
            }
            self.logger.info("ticket answered directly", metadata: ["ticket": "\(ticket.number)", "article": "\(answer.article)"])
            return try JSONResponse.make(ticket, status: replayed ? .ok : .created, headers: [.location: "/v1/tickets/\(ticket.id)"])
        }
        let promised = try await self.mapErrors { try await self.tickets.promise(new, using: snapshot) }
        guard let idempotency else {
            // Most calls: no key to check, so the ticket joins the next group commit.
            let ticket = try await self.mapErrors { try await self.tickets.create(new, promisedBy: promised) }
            self.logger.info("ticket received", metadata: ["ticket": "\(ticket.number)", "trace_id": "\(trace.traceId)"])
            return try JSONResponse.make(
                ticket, status: .created,
                headers: [.location: "/v1/tickets/\(ticket.id)", .init("traceparent")!: trace.traceparent()]
            )
        }
        let (ticket, replayed) = try await self.mapErrors { try await self.tickets.create(new, promisedBy: promised, idempotency: idempotency) }
        return try JSONResponse.make(ticket, status: replayed ? .ok : .created, headers: [.location: "/v1/tickets/\(ticket.id)"])
    }

    private func show(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .department, .grid, .secretary])
        let found = try await self.mapErrors { try await self.tickets.find(id) }.map {
            TicketWithAttachments(ticket: $0.ticket, attachments: $0.attachments)
        }
        guard let found, principal.mayRead(found.ticket) else { throw APIError.notFound("ticket \(id) not found") }
        return try JSONResponse.make(found)
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let query = try TicketQuery(request.uri.queryParameters)
        let page = try await self.mapErrors { try await self.tickets.list(query.filter) }
        return try JSONResponse.make(page)
    }

    private func dispatch(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        let grid = try FreeText.optional(body, "grid", max: 64)
        let department = try FreeText.optional(body, "department", max: 64)
        let snapshot = try await self.jurisdiction.snapshot()
        let ticket = try await self.mapErrors {
            try await self.tickets.dispatch(id, grid: grid, department: department, by: principal.name, using: snapshot)
        }
        return try JSONResponse.make(ticket)
    }

    private func rate(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        guard let raw = body["score"] as? Int, let score = RatingScore(rawValue: raw) else {
            throw APIError.badRequest(field: "score", "must be 1 (satisfied), 2 (basically satisfied) or 3 (dissatisfied)")
        }
        // The resident's reason (分析差评原因): optional, asked for with a dissatisfied score.
        let reason = (body["reason"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if body["reason"] != nil, !(body["reason"] is String) || (reason?.count ?? 0) > 500 {
            throw APIError.badRequest(field: "reason", "a text of at most 500 characters")
        }
        let snapshot = try await self.jurisdiction.snapshot()
        let given = reason.flatMap { $0.isEmpty ? nil : $0 }
        let ticket = try await self.mapErrors {
            try await self.tickets.rate(id, score: score, reason: given, source: "operator", using: snapshot)
        }
        return try JSONResponse.make(ticket)
    }

    private func cancel(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let body = request.headers[.contentType] == nil ? [:] : try await request.jsonObject().object
        let reason = try FreeText.optional(body, "reason")
        let ticket = try await self.mapErrors { try await self.tickets.cancel(id, reason: reason, by: principal.name) }
        return try JSONResponse.make(ticket)
    }

    /// Unlinks a duplicate from its parent; it is then routed on its own.
    private func unlink(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let snapshot = try await self.jurisdiction.snapshot()
        let ticket = try await self.mapErrors { try await self.tickets.unlink(id, by: principal.name, using: snapshot) }
        return try JSONResponse.make(ticket)
    }

    /// Runs `body`, mapping case refusals and outages to API errors.
    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        try await APIError.mapping(self.logger, body)
    }
}
