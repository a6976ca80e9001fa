import Foundation

extension EventEnvelope {
    /// The envelope as JSON bytes, the AMQP body and outbox payload.
    public func jsonData() throws -> Data {
        try HotlineJSON.encoder().encode(self)
    }

    /// Reads an envelope from JSON bytes.
    public static func decode(from data: Data) throws -> EventEnvelope {
        try HotlineJSON.decoder().decode(EventEnvelope.self, from: data)
    }
}
