import AMQP
import Foundation
import HotlineDomain

/// Reads an event envelope from a delivery, refusing what no consumer could ever apply.
public enum EventMessage {
    /// The envelope of `delivery`; throws `PoisonMessage` for invalid JSON, a type outside
    /// `accepting` (when given) or a version other than 1.
    public static func decode(_ delivery: AMQPDelivery, accepting types: Set<String>? = nil) throws -> EventEnvelope {
        let envelope: EventEnvelope
        do {
            envelope = try HotlineJSON.decoder().decode(EventEnvelope.self, from: Data(delivery.body))
        } catch {
            throw PoisonMessage("not a valid event envelope: \(error)")
        }
        if let types, !types.contains(envelope.type) {
            throw PoisonMessage("unknown event type '\(envelope.type)'")
        }
        guard envelope.version == 1 else {
            throw PoisonMessage("unsupported version \(envelope.version) of '\(envelope.type)'")
        }
        return envelope
    }
}
