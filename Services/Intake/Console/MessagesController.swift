import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// `GET /v1/tickets/{id}/messages`: the SMS the notifier planned and sent about a ticket, with
/// their delivery state, for the ticket page. Recipients' phones are masked (139****1001).
struct MessagesController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The messages.
    let console: any ConsoleReader

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/tickets/:id/messages") { request, context in try await self.list(request, context.parameters.require("id")) }
    }

    private func list(_ request: Request, _ id: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let messages = try await self.console.messages(ofTicket: id)
        guard let messages else { throw APIError.notFound("ticket \(id) not found") }
        return try JSONResponse.make(["messages": messages])
    }
}
