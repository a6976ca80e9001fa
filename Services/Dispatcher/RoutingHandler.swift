import AMQP
import CaseStore
import Foundation
import HotlineDomain
import Logging
import Outbox
import Postgres

/// A received ticket's event and the trace it belongs to (its `traceparent` header). Routing
/// reads the ticket from its row, so the event's `data` (a snapshot) is not decoded.
struct ReceivedTicket: Sendable {
    var event: TypedEventEnvelope<IgnoredEventData>
    var trace: TraceContext?
}

/// Routes each `ticket.received` event: grid, handler, departments, deadlines.
struct RoutingHandler: MessageHandler {
    let store: CaseStore
    let jurisdiction: JurisdictionCache
    let policy: CasePolicy
    let logger: Logger
    let consumerName = "dispatcher.events"

    func decode(_ delivery: AMQPDelivery) throws -> ReceivedTicket {
        ReceivedTicket(
            event: try EventMessage.decode(delivery, as: IgnoredEventData.self, accepting: [EventType.ticketReceived.rawValue]),
            trace: delivery.properties.headers["traceparent"]?.stringValue.flatMap(TraceContext.init(traceparent:))
        )
    }

    /// Routes the whole batch set-based (``CaseStore/route(batch:using:policy:on:)``): a
    /// handful of statements however many tickets it holds.
    func apply(_ tickets: [ReceivedTicket], on connection: PostgresConnection) throws {
        guard let snapshot = self.jurisdiction.loaded else { throw JurisdictionMissing() }
        let routed = Set(
            try self.store.route(batch: tickets.compactMap(\.event.ticketId), using: snapshot, policy: self.policy, on: connection)
        )
        for ticket in tickets {
            guard let ticketId = ticket.event.ticketId?.lowercased(), routed.contains(ticketId) else { continue }
            self.logger.info(
                "ticket routed",
                metadata: ["ticket": "\(ticket.event.ticketNumber ?? ticketId)", "trace_id": "\(ticket.trace?.traceId ?? "-")"]
            )
        }
    }
}
