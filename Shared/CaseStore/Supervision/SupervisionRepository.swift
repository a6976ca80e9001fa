import Foundation
import HotlineDomain

/// Extensions (延期), pauses (挂起), refused returns and verified ratings (回访复核): the
/// handling party asks, the centre decides. `party` is the requester's department or grid code when it is the handling party,
/// nil for the centre's own staff. Refusals are ``CaseError``s.
public protocol SupervisionRepository: Sendable {
    /// Records an extension request until `until`.
    func requestExtension(_ id: String, until: Date, reason: String, by actor: String, party: String?) async throws -> Ticket
    /// The centre's decision on the pending extension (approval moves resolve-by).
    func decideExtension(_ id: String, approve: Bool, note: String?, by actor: String) async throws -> Ticket
    /// Records a pause request.
    func requestPause(_ id: String, reason: String, by actor: String, party: String?) async throws -> Ticket
    /// The centre's decision on the pending pause (approval stops the clock).
    func decidePause(_ id: String, approve: Bool, note: String?, by actor: String) async throws -> Ticket
    /// Starts a paused ticket's clock again.
    func resume(_ id: String, by actor: String, party: String?) async throws -> Ticket
    /// The centre refuses a return under review: back to the handler.
    func rejectReturn(_ id: String, reason: String, by actor: String) async throws -> Ticket
    /// Records the follow-up call's score beside the resident's rating (`not_rated` without one).
    func verifyRating(_ id: String, score: RatingScore, note: String?, by actor: String) async throws -> Ticket
}
