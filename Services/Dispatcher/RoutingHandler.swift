import AMQP
import CaseStore
import Foundation
import HotlineDomain
import Outbox
import Postgres

/// Routes each `ticket.received` event: grid, handler, departments, deadlines.
struct RoutingHandler: MessageHandler {
    let store: CaseStore
    let jurisdiction: JurisdictionCache
    let policy: CasePolicy
    let consumerName = "dispatcher.events"

    func decode(_ delivery: AMQPDelivery) throws -> EventEnvelope {
        try EventMessage.decode(delivery, accepting: [EventType.ticketReceived.rawValue])
    }

    func apply(_ events: [EventEnvelope], on connection: PostgresConnection) throws {
        guard let snapshot = self.jurisdiction.loaded else { throw JurisdictionMissing() }
        for event in events {
            guard let ticketId = event.ticketId else { continue }
            try self.store.route(ticketId, using: snapshot, policy: self.policy, on: connection)
        }
    }
}
