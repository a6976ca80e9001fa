import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// Extensions (延期) and pauses (挂起), CONTRACTS section 11: the handling party (its department
/// or grid key; operators and admins may file for it) asks, an operator or admin decides.
struct SupervisionController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The requests and decisions.
    let supervision: any SupervisionRepository
    /// The business time zone: a date `until` means the end of that local day.
    let timeZone: TimeZone

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/tickets/:id/extension") { request, context in try await self.requestExtension(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/extension/approve") { request, context in
            try await self.decide(request, context.parameters.require("id"), pause: false, approve: true)
        }
        router.post("v1/tickets/:id/extension/reject") { request, context in
            try await self.decide(request, context.parameters.require("id"), pause: false, approve: false)
        }
        router.post("v1/tickets/:id/pause") { request, context in try await self.requestPause(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/pause/approve") { request, context in
            try await self.decide(request, context.parameters.require("id"), pause: true, approve: true)
        }
        router.post("v1/tickets/:id/pause/reject") { request, context in
            try await self.decide(request, context.parameters.require("id"), pause: true, approve: false)
        }
        router.post("v1/tickets/:id/resume") { request, context in try await self.resume(request, context.parameters.require("id")) }
        router.post("v1/tickets/:id/return/reject") { request, context in try await self.rejectReturn(request, context.parameters.require("id")) }
    }

    /// The requester's name and, for a handling party's key, the department or grid it acts as.
    private func party(_ request: Request) async throws -> (actor: String, party: String?) {
        let principal = try await self.auth.require(request, [.operator_, .admin, .department, .grid])
        switch principal.role {
        case .department:
            guard let department = principal.department else { throw APIError.forbidden("this key has no department") }
            return (department, department)
        case .grid:
            guard let grid = principal.grid else { throw APIError.forbidden("this key has no grid") }
            return (grid, grid)
        default:
            return (principal.name, nil)
        }
    }

    private func requestExtension(_ request: Request, _ id: String) async throws -> Response {
        let (actor, party) = try await self.party(request)
        let (_, body) = try await request.jsonObject()
        var fields: [APIError.FieldError] = []
        let reason = (body["reason"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty { fields.append(.init(field: "reason", message: "required: why more time is needed")) }
        let until = (body["until"] as? String).flatMap(self.parseUntil)
        if until == nil { fields.append(.init(field: "until", message: "required: an ISO 8601 date-time, or a date (YYYY-MM-DD: its end)")) }
        guard fields.isEmpty, let until else { throw APIError.badRequest(fields) }
        let ticket = try await self.supervision.requestExtension(id, until: until, reason: reason, by: actor, party: party)
        return try JSONResponse.make(ticket)
    }

    private func requestPause(_ request: Request, _ id: String) async throws -> Response {
        let (actor, party) = try await self.party(request)
        let (_, body) = try await request.jsonObject()
        let reason = (body["reason"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !reason.isEmpty else { throw APIError.badRequest(field: "reason", "required: what the ticket waits for") }
        let ticket = try await self.supervision.requestPause(id, reason: reason, by: actor, party: party)
        return try JSONResponse.make(ticket)
    }

    private func decide(_ request: Request, _ id: String, pause: Bool, approve: Bool) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let body = request.headers[.contentType] == nil ? [:] : try await request.jsonObject().object
        let note = (body["note"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let ticket =
            pause
            ? try await self.supervision.decidePause(id, approve: approve, note: note, by: principal.name)
            : try await self.supervision.decideExtension(id, approve: approve, note: note, by: principal.name)
        return try JSONResponse.make(ticket)
    }

    private func resume(_ request: Request, _ id: String) async throws -> Response {
        let (actor, party) = try await self.party(request)
        let ticket = try await self.supervision.resume(id, by: actor, party: party)
        return try JSONResponse.make(ticket)
    }

    /// The centre refuses a return under review (status `returned`): back to the handler.
    private func rejectReturn(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        let reason = (body["reason"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !reason.isEmpty else { throw APIError.badRequest(field: "reason", "required: why the return is refused") }
        let ticket = try await self.supervision.rejectReturn(id, reason: reason, by: principal.name)
        return try JSONResponse.make(ticket)
    }

    /// An instant, or a local date meaning the end of that day (24时) in the business zone.
    private func parseUntil(_ text: String) -> Date? {
        if let date = HotlineJSON.parseDate(text) { return date }
        guard let day = LocalDate(text) else { return nil }
        return day.adding(days: 1).startOfDay(in: self.timeZone)
    }
}
