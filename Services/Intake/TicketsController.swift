import CaseStore
import Foundation
import HotlineCrypto
import HotlineDomain
import Hummingbird
import Logging
import Postgres

/// The operators' ticket API: create (idempotent), read, list, dispatch, rate, cancel.
struct TicketsController: Sendable {
    let pool: PostgresPool
    let store: CaseStore
    let jurisdiction: JurisdictionCache
    let auth: Authenticator
    let groupCommit: GroupCommit
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
        // The same JSON with its keys in another order is the same request.
        let canonical = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data(bytes)
        let requestHash = SHA256Digest.hex(String(decoding: canonical, as: UTF8.self))
        let store = self.store
        if let answer = try TicketForm.answer(body["answer"]) {
            return try await self.createAnswered(new, answer, principal, idempotencyKey, requestHash)
        }
        let promised = try await self.promise(new, snapshot)
        guard let idempotencyKey else {
            // Most calls: no key to check, so the ticket joins the next group commit.
            let ticket = try await self.mapErrors { try await self.groupCommit.create(new, promisedBy: promised) }
            self.logger.info("ticket received", metadata: ["ticket": "\(ticket.number)", "trace_id": "\(trace.traceId)"])
            return try JSONResponse.make(
                ticket, status: .created,
                headers: [.location: "/v1/tickets/\(ticket.id)", .init("traceparent")!: trace.traceparent()]
            )
        }
        do {
            let (ticket, replayed) = try await self.database { connection -> (Ticket, Bool) in
                if let earlier = try Self.earlier(principal, idempotencyKey, requestHash, store, connection) {
                    return (earlier, true)
                }
                let ticket = try store.create(new, promisedBy: promised, on: connection)
                try connection.query(
                    "INSERT INTO idempotency_keys (api_key_id, key, request_hash, ticket_id) VALUES ($1::uuid, $2, $3, $4::uuid)",
                    [principal.keyId, idempotencyKey, requestHash, ticket.id]
                )
                return (ticket, false)
            }
            return try JSONResponse.make(ticket, status: replayed ? .ok : .created, headers: [.location: "/v1/tickets/\(ticket.id)"])
        } catch let error as PostgresError where error.isUniqueViolation {
            // A concurrent retry with the same key won the race: answer with its ticket.
            let ticket = try await self.database { connection in
                try Self.earlier(principal, idempotencyKey, requestHash, store, connection)
            }
            guard let ticket else { throw error }
            return try JSONResponse.make(ticket, status: .ok)
        }
    }

    /// The ticket an earlier request with this key created; 409 if that request had another body.
    static func earlier(
        _ principal: Principal, _ key: String, _ hash: String, _ store: CaseStore, _ connection: PostgresConnection
    ) throws -> Ticket? {
        guard
            let row = try connection.query(
                "SELECT request_hash, ticket_id::text AS ticket_id FROM idempotency_keys WHERE api_key_id = $1::uuid AND key = $2",
                [principal.keyId, key]
            ).first
        else { return nil }
        guard try row.decode("request_hash", as: String.self) == hash else {
            throw APIError.conflict("idempotency_key_reused", "Idempotency-Key was used with another body")
        }
        return try store.find(try row.decode("ticket_id", as: String.self), on: connection)
    }

    private func show(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .department, .grid, .secretary])
        let store = self.store
        let found = try await self.database { connection -> TicketWithAttachments? in
            guard let ticket = try store.find(id, withHistory: true, on: connection) else { return nil }
            return TicketWithAttachments(ticket: ticket, attachments: try store.attachments(of: ticket.id, on: connection))
        }
        guard let found, principal.mayRead(found.ticket) else { throw APIError.notFound("ticket \(id) not found") }
        return try JSONResponse.make(found)
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let query = try TicketQuery(request.uri.queryParameters)
        let page = try await self.database { try query.run(on: $0) }
        return try JSONResponse.make(page)
    }

    private func dispatch(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        let grid = try FreeText.optional(body, "grid", max: 64)
        let department = try FreeText.optional(body, "department", max: 64)
        let snapshot = try await self.jurisdiction.snapshot()
        let store = self.store
        let ticket = try await self.database {
            try store.dispatch(id, grid: grid, department: department, operator: principal.name, using: snapshot, on: $0)
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
        let store = self.store
        let given = reason.flatMap { $0.isEmpty ? nil : $0 }
        let ticket = try await self.database {
            try store.rate(id, score: score, reason: given, source: "operator", using: snapshot, on: $0)
        }
        return try JSONResponse.make(ticket)
    }

    private func cancel(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let body = request.headers[.contentType] == nil ? [:] : try await request.jsonObject().object
        let store = self.store
        let reason = try FreeText.optional(body, "reason")
        let ticket = try await self.database {
            try store.cancel(id, reason: reason, by: principal.name, on: $0)
        }
        return try JSONResponse.make(ticket)
    }

    /// Unlinks a duplicate from its parent; it is then routed on its own.
    private func unlink(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let snapshot = try await self.jurisdiction.snapshot()
        let store = self.store
        let ticket = try await self.database { try store.unlink(id, by: principal.name, using: snapshot, on: $0) }
        return try JSONResponse.make(ticket)
    }

    /// Runs `body` in a transaction, mapping case refusals and outages to API errors.
    func database<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await self.mapErrors { try await self.pool.transaction(body) }
    }

    /// The resolve-by the receipt promises: what routing will decide (``NewTicket/promisedResolveBy(using:household:)``),
    /// reading the database only when a household could raise the urgency.
    func promise(_ new: NewTicket, _ snapshot: JurisdictionSnapshot) async throws -> Date? {
        guard new.mayComeFromHousehold(in: snapshot) else { return new.promisedResolveBy(using: snapshot, household: nil) }
        let timeZone = self.store.timeZone
        return try await self.mapErrors {
            try await self.pool.withConnection { try new.promisedResolveBy(using: snapshot, timeZone: timeZone, on: $0) }
        }
    }

    /// Runs `body`, mapping case refusals and outages to API errors.
    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CaseError {
            throw APIError(error)
        } catch let error as PostgresError where error.isOutage {
            self.logger.warning("database outage; answered 503", metadata: ["error": "\(error)"])
            throw error.sqlState == nil || error.sqlState?.hasPrefix("08") == true ? APIError.unavailable : APIError.outage
        }
    }
}
