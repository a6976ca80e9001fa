import CaseStore
import Foundation
import Hummingbird
import Postgres

/// Department replies over HTTP, for departments without an AMQP client; scoped by the key
/// to its own department, with the same effect as a reply on `hotline.replies`.
struct TasksController: Sendable {
    let tickets: TicketsController

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/tasks") { request, _ in try await self.list(request) }
        for action in ReplyAction.allCases {
            router.post("v1/tasks/:id/\(action.rawValue)") { request, context in
                try await self.reply(request, context.parameters.require("id"), action)
            }
        }
    }

    private func department(_ request: Request) async throws -> String {
        let principal = try await self.tickets.auth.require(request, [.department])
        guard let department = principal.department else { throw APIError.forbidden("this key has no department") }
        return department
    }

    private func list(_ request: Request) async throws -> Response {
        let department = try await self.department(request)
        let tickets = try await self.tickets.database { connection in
            try CaseStore.tickets(
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
        return try JSONResponse.make(["tasks": tickets])
    }

    private func reply(_ request: Request, _ id: String, _ action: ReplyAction) async throws -> Response {
        let department = try await self.department(request)
        let body = request.headers[.contentType] == nil ? [:] : try await request.jsonObject().object
        let note = try FreeText.optional(body, "note")
        let snapshot = try await self.tickets.jurisdiction.snapshot()
        let store = self.tickets.store
        let ticket = try await self.tickets.database {
            try store.reply(id, action: action, actor: department, note: note, using: snapshot, on: $0)
        }
        return try JSONResponse.make(ticket)
    }
}
