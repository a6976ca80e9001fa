import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// `GET /v1/tickets/{id}/messages`: the SMS the notifier planned and sent about a ticket, with
/// their delivery state, for the ticket page. Recipients' phones are masked (139****1001).
struct MessagesController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The database, for this area's SQL (not behind a repository yet).
    let database: Database
    /// The case operations.
    let store: CaseStore

    private struct Message: Encodable {
        var kind: String
        var recipient: String
        var recipientRole: String
        var text: String
        var status: String
        var attempts: Int
        var createdAt: Date
        var sentAt: Date?
        var deliveredAt: Date?
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/tickets/:id/messages") { request, context in try await self.list(request, context.parameters.require("id")) }
    }

    private func list(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let store = self.store
        let messages = try await self.database.transaction { connection -> [Message]? in
            guard let ticket = try store.find(id, on: connection) else { return nil }
            return try connection.query(
                """
                SELECT kind, recipient, recipient_role, body, status, attempts, created_at, sent_at, delivered_at
                FROM notifications WHERE ticket_id = $1::uuid ORDER BY created_at, kind
                """,
                [ticket.id]
            ).map { row in
                Message(
                    kind: try row.decode("kind", as: String.self), recipient: PhoneNumber.mask(try row.decode("recipient", as: String.self)),
                    recipientRole: try row.decode("recipient_role", as: String.self), text: try row.decode("body", as: String.self),
                    status: try row.decode("status", as: String.self), attempts: try row.decode("attempts", as: Int.self),
                    createdAt: try row.decode("created_at", as: Date.self), sentAt: try row.decode("sent_at", as: Date?.self),
                    deliveredAt: try row.decode("delivered_at", as: Date?.self)
                )
            }
        }
        guard let messages else { throw APIError.notFound("ticket \(id) not found") }
        return try JSONResponse.make(["messages": messages])
    }
}
