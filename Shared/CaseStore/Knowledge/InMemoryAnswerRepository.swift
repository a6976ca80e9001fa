import Foundation

/// ``AnswerRepository`` for router tests: it knows no article, as a database without knowledge.
public struct InMemoryAnswerRepository: AnswerRepository {
    /// None.
    public init() {}

    public func create(
        _ new: NewTicket, article id: String, note: String?, by actor: String, idempotency: IdempotencyKey?
    ) async throws -> (ticket: Ticket, replayed: Bool) {
        throw CaseError.invalid(field: "answer.article", message: "unknown knowledge article '\(id)'")
    }
}
