import CaseStore
import Foundation

/// ``AnswerRepository`` for router tests: it knows no article, as a database without knowledge.
struct InMemoryAnswerRepository: AnswerRepository {
    func create(
        _ new: NewTicket, article id: String, note: String?, by actor: String, idempotency: IdempotencyKey?
    ) async throws -> (ticket: Ticket, replayed: Bool) {
        throw APIError.badRequest(field: "answer.article", "unknown knowledge article '\(id)'")
    }
}
