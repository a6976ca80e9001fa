extension TypedEventEnvelope {
    /// The envelope's JSON as `HotlineJSON.encoder()` writes it, when its payload writes itself
    /// (``DirectJSONEncodable``); nil otherwise (then encode it with `JSONEncoder`).
    public func directJSON() -> String? {
        var writer = DirectJSONWriter()
        // The members in the encoder's sorted order.
        writer.objectStart()
        writer.key("data", first: true)
        if let data = self.data {
            guard let direct = data as? any DirectJSONEncodable, direct.writeJSON(to: &writer) else { return nil }
        } else {
            writer.objectStart()
            writer.objectEnd()
        }
        writer.key("id")
        writer.string(self.id)
        writer.key("occurredAt")
        writer.date(self.occurredAt)
        writer.key("ticketId")
        if let ticketId = self.ticketId { writer.string(ticketId) } else { writer.null() }
        writer.key("ticketNumber")
        if let ticketNumber = self.ticketNumber { writer.string(ticketNumber) } else { writer.null() }
        writer.key("type")
        writer.string(self.type)
        writer.key("version")
        writer.int(self.version)
        writer.objectEnd()
        return writer.text
    }
}
