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
        try self.check(type: envelope.type, version: envelope.version, accepting: types)
        return envelope
    }

    /// The envelope of `delivery` with its `data` read as `Payload` in the same pass (see
    /// ``TypedEventEnvelope``); throws `PoisonMessage` as ``decode(_:accepting:)`` does, and
    /// when `data` is not a `Payload`.
    public static func decode<Payload: Decodable & Sendable>(
        _ delivery: AMQPDelivery, as _: Payload.Type, accepting types: Set<String>? = nil
    ) throws -> TypedEventEnvelope<Payload> {
        let envelope: TypedEventEnvelope<Payload>
        do {
            envelope = try HotlineJSON.decoder().decode(TypedEventEnvelope<Payload>.self, from: Data(delivery.body))
        } catch {
            throw PoisonMessage("not a valid event envelope: \(error)")
        }
        try self.check(type: envelope.type, version: envelope.version, accepting: types)
        return envelope
    }

    private static func check(type: String, version: Int, accepting types: Set<String>?) throws {
        if let types, !types.contains(type) {
            throw PoisonMessage("unknown event type '\(type)'")
        }
        guard version == 1 else {
            throw PoisonMessage("unsupported version \(version) of '\(type)'")
        }
    }
}
