import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging
import Postgres

extension TicketsController {
    /// Creates a ticket answered on the call from a knowledge article: status `answered`, never
    /// routed; records which article answered which call (what search learns from). The
    /// article must exist and be valid today (400 naming `answer.article` otherwise).
    func createAnswered(
        _ new: NewTicket, _ answer: (article: String, note: String?), _ principal: Principal, _ idempotencyKey: String?,
        _ requestHash: String
    ) async throws -> Response {
        let (store, knowledge) = (self.store, KnowledgeStore(timeZone: self.store.timeZone))
        let (ticket, replayed) = try await self.database { connection -> (Ticket, Bool) in
            if let idempotencyKey, let earlier = try Self.earlier(principal, idempotencyKey, requestHash, store, connection) {
                return (earlier, true)
            }
            guard let article = try knowledge.find(answer.article, on: connection) else {
                throw APIError.badRequest(field: "answer.article", "unknown knowledge article '\(answer.article)'")
            }
            guard article.validToday else {
                throw APIError.badRequest(field: "answer.article", "article '\(article.title)' is not valid today")
            }
            let ticket = try store.createAnswered(
                new, article: AnswerArticle(id: article.id, title: article.title, answer: article.shortAnswer), note: answer.note,
                by: principal.name, on: connection
            )
            try KnowledgeSearch.recordUse(
                ticketId: ticket.id, articleId: article.id, question: new.description, by: principal.name, on: connection
            )
            if let idempotencyKey {
                try connection.query(
                    "INSERT INTO idempotency_keys (api_key_id, key, request_hash, ticket_id) VALUES ($1::uuid, $2, $3, $4::uuid)",
                    [principal.keyId, idempotencyKey, requestHash, ticket.id]
                )
            }
            return (ticket, false)
        }
        self.logger.info("ticket answered directly", metadata: ["ticket": "\(ticket.number)", "article": "\(answer.article)"])
        return try JSONResponse.make(ticket, status: replayed ? .ok : .created, headers: [.location: "/v1/tickets/\(ticket.id)"])
    }
}
