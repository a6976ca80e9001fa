import Foundation

/// Tickets answered on the call from a knowledge article (直接答复): the article must exist and
/// be valid today (400 naming `answer.article` otherwise); the use is recorded with the ticket,
/// which is what search learns from.
public protocol AnswerRepository: Sendable {
    /// Creates `new` as `answered` by `article` unless `idempotency` was seen (then the earlier
    /// ticket, `replayed` true).
    func create(
        _ new: NewTicket, article: String, note: String?, by actor: String, idempotency: IdempotencyKey?
    ) async throws -> (ticket: Ticket, replayed: Bool)
}
