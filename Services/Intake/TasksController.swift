import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// Task replies over HTTP: a department's (without an AMQP client), a grid worker's, a
/// community secretary's and a volunteer's (its offered and taken service orders; `accept`
/// takes an offered one, the first taker wins). Scoped by the key to its department, grid or community, with the
/// same effect as a reply on `hotline.replies`; another party's ticket is 404.
struct TasksController: Sendable {
    let tickets: TicketsController

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
        let principal = try await self.tickets.auth.require(request, [.department, .grid, .secretary, .volunteer])
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
        let store = self.tickets.store
        let tickets = try await self.tickets.database { connection in
            switch party {
            case .grid(let party):
                return try store.openTasks(of: party, on: connection)
            case .volunteer(let code):
                return try store.volunteerTasks(code, on: connection)
            case .department(let department):
                return try CaseStore.tickets(
                    try connection.query(
                        """
                        SELECT \(CaseStore.ticketColumns) FROM tickets
                        WHERE departments @> ARRAY[$1::text] AND status IN ('assigned', 'accepted')
                        ORDER BY resolve_by NULLS LAST, created_at LIMIT 500
                        """,
                        [department]
                    )
                )
            }
        }
        return try JSONResponse.make(["tasks": tickets])
    }

    private func reply(_ request: Request, _ id: String, _ action: ReplyAction) async throws -> Response {
        let party = try await self.party(request)
        let body = request.headers[.contentType] == nil ? [:] : try await request.jsonObject().object
        let note = try FreeText.optional(body, "note")
        let snapshot = try await self.tickets.jurisdiction.snapshot()
        let store = self.tickets.store
        let ticket = try await self.tickets.database { connection in
            switch party {
            case .grid(let party):
                return try store.reply(id, action: action, party: party, note: note, using: snapshot, on: connection)
            case .volunteer(let code):
                guard let volunteer = try VolunteerStore(timeZone: store.timeZone).find(code: code, on: connection) else {
                    throw CaseError.notFound(id)
                }
                let mine = try store.find(id, on: connection).map { $0.volunteer == code } ?? false
                guard action == .accept, !mine else {
                    return try store.volunteerReply(id, action: action, volunteer: volunteer, note: note, using: snapshot, on: connection)
                }
                let take = try store.take(id, volunteer: volunteer, on: connection)
                switch take.outcome {
                case .taken, .alreadyYours: return take.ticket
                case .takenByOther: throw CaseError.refused(code: "already_taken", message: "another volunteer took this order first")
                case .notOffered: throw CaseError.notFound(id)
                case .closed(let status): throw CaseError.illegal(action: "take", status: status)
                }
            case .department(let department):
                return try store.reply(id, action: action, actor: department, note: note, using: snapshot, on: connection)
            }
        }
        return try JSONResponse.make(ticket)
    }

    /// A secretary moves a community ticket to another grid of the community: `{"grid", "note"}`.
    private func reassign(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.tickets.auth.require(request, [.secretary])
        guard let community = principal.community else { throw APIError.forbidden("this key has no community") }
        let (_, body) = try await request.jsonObject()
        guard let grid = try FreeText.optional(body, "grid", max: 64) else { throw APIError.badRequest(field: "grid", "required: the grid to give the ticket to") }
        let note = try FreeText.optional(body, "note")
        let snapshot = try await self.tickets.jurisdiction.snapshot()
        let store = self.tickets.store
        let name = principal.name
        let ticket = try await self.tickets.database {
            try store.reassign(id, toGrid: grid, community: community, by: name, note: note, using: snapshot, on: $0)
        }
        return try JSONResponse.make(ticket)
    }
}
