import Foundation
import Postgres

/// ``AnswerRepository`` on PostgreSQL: the article, the ticket, the recorded use and the
/// idempotency key in one transaction.
public struct PostgresAnswerRepository: AnswerRepository {
    let pool: PostgresPool
    let store: CaseStore
    let knowledge: KnowledgeStore

    /// A repository over `pool`, creating tickets with `store`.
    public init(pool: PostgresPool, store: CaseStore) {
        self.pool = pool
        self.store = store
        self.knowledge = KnowledgeStore(timeZone: store.timeZone)
    }

    public func create(
        _ new: NewTicket, article id: String, note: String?, by actor: String, idempotency: IdempotencyKey?
    ) async throws -> (ticket: Ticket, replayed: Bool) {
        let (store, knowledge) = (self.store, self.knowledge)
        return try await self.pool.transaction { connection -> (Ticket, Bool) in
            if let idempotency, let earlier = try PostgresTicketRepository.earlier(idempotency, store, on: connection) {
                return (earlier, true)
            }
            guard let article = try knowledge.find(id, on: connection) else {
                throw CaseError.invalid(field: "answer.article", message: "unknown knowledge article '\(id)'")
            }
            guard article.validToday else {
                throw CaseError.invalid(field: "answer.article", message: "article '\(article.title)' is not valid today")
            }
            let ticket = try store.createAnswered(
                new, article: AnswerArticle(id: article.id, title: article.title, answer: article.shortAnswer), note: note,
                by: actor, on: connection
            )
            try KnowledgeSearch.recordUse(ticketId: ticket.id, articleId: article.id, question: new.description, by: actor, on: connection)
            if let idempotency { try PostgresTicketRepository.remember(idempotency, ticket: ticket.id, on: connection) }
            return (ticket, false)
        }
    }
}
