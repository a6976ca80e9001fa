import AMQP
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Outbox
import Postgres

/// A department's reply as published on `hotline.replies`.
struct DepartmentReply: Decodable, Sendable {
    var ticketId: String
    var department: String
    var action: ReplyAction
    var note: String?
    /// Optional; a reply of another version than 1 is dead-lettered rather than guessed at.
    var version: Int?
}

/// Applies department replies from AMQP. A reply for a department whose catalog entry names an
/// `amqpUser` must carry that AMQP `user_id`, else it is dead-lettered. A reply that the case refuses (not assigned, illegal
/// in the ticket's state) is recorded in the log and acknowledged: retrying cannot change it.
struct ReplyHandler: MessageHandler {
    let store: CaseStore
    let jurisdiction: JurisdictionCache
    let logger: Logger
    let consumerName = "dispatcher.replies"

    func decode(_ delivery: AMQPDelivery) throws -> DepartmentReply {
        let reply: DepartmentReply
        do {
            reply = try HotlineJSON.decoder().decode(DepartmentReply.self, from: Data(delivery.body))
        } catch {
            throw PoisonMessage("not a reply {ticketId, department, action, note}: \(error)")
        }
        if let version = reply.version, version != 1 { throw PoisonMessage("unsupported version \(version) of a reply") }
        // A department bound to a broker user replies only as that user (the broker vouches for
        // `user_id`); anyone else publishing for it is refused, and nothing changes.
        if let expected = self.jurisdiction.loaded?.department(reply.department)?.amqpUser, delivery.properties.userId != expected {
            throw PoisonMessage(
                "forged department: a reply for \(reply.department) must carry AMQP user_id \(expected), not \(delivery.properties.userId ?? "none")"
            )
        }
        return reply
    }

    /// Applies the batch set-based (``CaseStore/reply(batch:using:on:)``): a handful of
    /// statements for the whole batch, a savepoint only for the rare reply that needs one.
    func apply(_ replies: [DepartmentReply], on connection: PostgresConnection) throws {
        guard let snapshot = self.jurisdiction.loaded else { throw JurisdictionMissing() }
        let commands = replies.map {
            ReplyCommand(ticketId: $0.ticketId, action: $0.action, actor: $0.department, note: $0.note)
        }
        for (reply, refusal) in try self.store.reply(batch: commands, using: snapshot, on: connection) {
            self.logger.warning(
                "reply refused", metadata: ["ticket": "\(reply.ticketId)", "department": "\(reply.actor)", "reason": "\(refusal)"]
            )
        }
    }
}
