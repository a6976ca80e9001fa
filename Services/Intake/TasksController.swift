import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// Task replies over HTTP: a department's (without an AMQP client), a grid worker's, a
/// community secretary's and a volunteer's (its offered and taken service orders; `accept`
/// takes an offered one, the first taker wins). Scoped by the key to its department, grid or community, with the
/// same effect as a reply on `hotline.replies`; another party's ticket is 404.
struct TasksController: Sendable {
    /// Who replies: a department's, grid worker's or secretary's key.
    let auth: Authenticator
    /// The tasks and their replies.
    let tasks: any TaskRepository
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/tasks") { request, _ in try await self.list(request) }
        for action in ReplyAction.allCases {
            router.post("v1/tasks/:id/\(action.rawValue)") { request, context in
                try await self.reply(request, context.parameters.require("id"), action)
            }
        }
        router.post("v1/tasks/:id/reassign") { request, context in try await self.reassign(request, context.parameters.require("id")) }
    }

    /// Who replies: a department, or a grid worker or secretary.
    private enum Party {
        case department(String)
        case grid(GridParty)
        case volunteer(String)
    }

    private func party(_ request: Request) async throws -> Party {
        let principal = try await self.auth.require(request, [.department, .grid, .secretary, .volunteer])
        switch principal.role {
        case .volunteer:
            guard let volunteer = principal.volunteer else { throw APIError.forbidden("this key has no volunteer") }
            return .volunteer(volunteer)
        case .grid:
            guard let grid = principal.grid else { throw APIError.forbidden("this key has no grid") }
            return .grid(GridParty(grids: [grid], name: principal.name))
        case .secretary:
            guard let community = principal.community else { throw APIError.forbidden("this key has no community") }
            return .grid(GridParty(communities: [community], name: principal.name))
        default:
            guard let department = principal.department else { throw APIError.forbidden("this key has no department") }
            return .department(department)
        }
    }

    private func list(_ request: Request) async throws -> Response {
        let party = try await self.party(request)
        let tickets = try await APIError.mapping(self.logger) {
            switch party {
            case .grid(let party): try await self.tasks.openTasks(of: party)
            case .volunteer(let code): try await self.tasks.openTasks(ofVolunteer: code)
            case .department(let department): try await self.tasks.openTasks(ofDepartment: department)
            }
        }
        return try JSONResponse.make(["tasks": tickets])
    }

    private func reply(_ request: Request, _ id: String, _ action: ReplyAction) async throws -> Response {
        let party = try await self.party(request)
        let body = request.headers[.contentType] == nil ? [:] : try await request.jsonObject().object
        let note = try FreeText.optional(body, "note")
        let snapshot = try await self.jurisdiction.snapshot()
        let ticket = try await APIError.mapping(self.logger) {
            switch party {
            case .grid(let party): try await self.tasks.reply(id, action: action, party: party, note: note, using: snapshot)
            case .volunteer(let code): try await self.tasks.reply(id, action: action, volunteer: code, note: note, using: snapshot)
            case .department(let department): try await self.tasks.reply(id, action: action, department: department, note: note, using: snapshot)
            }
        }
        return try JSONResponse.make(ticket)
    }

    /// A secretary moves a community ticket to another grid of the community: `{"grid", "note"}`.
    private func reassign(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.secretary])
        guard let community = principal.community else { throw APIError.forbidden("this key has no community") }
        let (_, body) = try await request.jsonObject()
        guard let grid = try FreeText.optional(body, "grid", max: 64) else { throw APIError.badRequest(field: "grid", "required: the grid to give the ticket to") }
        let note = try FreeText.optional(body, "note")
        let snapshot = try await self.jurisdiction.snapshot()
        let ticket = try await APIError.mapping(self.logger) {
            try await self.tasks.reassign(id, toGrid: grid, community: community, by: principal.name, note: note, using: snapshot)
        }
        return try JSONResponse.make(ticket)
    }
}
