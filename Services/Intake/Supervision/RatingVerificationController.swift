import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// 回访复核: `POST /v1/tickets/{id}/rating/verify` `{"score": 1|2|3, "note"?}` by an operator or
/// admin records what the follow-up call found beside the resident's own rating
/// (``CaseStore/verifyRating(_:score:note:by:on:)``): the ticket shows both (`rating`,
/// `verifiedRating`), the history a `ticket.visited` event, and the rates count the verified score.
struct RatingVerificationController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// Where the verification is recorded.
    let supervision: any SupervisionRepository

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/tickets/:id/rating/verify") { request, context in try await self.verify(request, context.parameters.require("id")) }
    }

    private func verify(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        guard let raw = body["score"] as? Int, let score = RatingScore(rawValue: raw) else {
            throw APIError.badRequest(field: "score", "must be 1 (satisfied), 2 (basically satisfied) or 3 (dissatisfied)")
        }
        let note = try FreeText.optional(body, "note", max: 500)
        let ticket = try await self.supervision.verifyRating(id, score: score, note: note, by: principal.name)
        return try JSONResponse.make(ticket)
    }
}
