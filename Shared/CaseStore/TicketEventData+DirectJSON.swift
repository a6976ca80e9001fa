import HotlineDomain

extension TicketEventData: DirectJSONEncodable {
    /// Writes what ``encode(to:)`` encodes, members in the encoder's sorted order.
    public func writeJSON(to writer: inout DirectJSONWriter) -> Bool {
        var keys = Array(self.fields.keys.filter { $0 != "ticket" && ($0 != "routing" || self.routing == nil) })
        if self.routing != nil { keys.append("routing") }
        keys.append("ticket")
        writer.objectStart()
        for (index, key) in DirectJSONWriter.sortedKeys(keys).enumerated() {
            writer.key(key, first: index == 0)
            if key == "ticket" {
                TicketSummary(self.ticket).writeJSON(to: &writer)
            } else if key == "routing", let routing = self.routing {
                EventRouting(routing).writeJSON(to: &writer)
            } else if !self.fields[key]!.writeJSON(to: &writer) {
                return false
            }
        }
        writer.objectEnd()
        return true
    }
}

extension TicketSummary {
    /// Writes what ``encode(to:)`` encodes (absent rather than null), in sorted order.
    func writeJSON(to writer: inout DirectJSONWriter) {
        writer.objectStart()
        var first = true
        func member(_ key: String, _ write: (inout DirectJSONWriter) -> Void) {
            writer.key(key, first: first)
            first = false
            write(&writer)
        }
        if let category = self.category { member("category") { $0.string(category) } }
        if let community = self.community { member("community") { $0.string(community) } }
        member("departments") { writer in
            writer.arrayStart()
            for (index, department) in self.departments.enumerated() {
                writer.separator(first: index == 0)
                department.writeJSON(to: &writer)
            }
            writer.arrayEnd()
        }
        if let district = self.district { member("district") { $0.string(district) } }
        if let duplicateOf = self.duplicateOf { member("duplicateOf") { $0.string(duplicateOf) } }
        if let grid = self.grid { member("grid") { $0.string(grid) } }
        if let handler = self.handler { member("handler") { $0.string(handler.rawValue) } }
        member("level") { $0.string(self.level.rawValue) }
        if let major = self.major { member("major") { $0.string(major.rawValue) } }
        if let resolveBy = self.resolveBy { member("resolveBy") { $0.date(resolveBy) } }
        if let respondBy = self.respondBy { member("respondBy") { $0.date(respondBy) } }
        member("status") { $0.string(self.status.rawValue) }
        if let street = self.street { member("street") { $0.string(street) } }
        if let urgency = self.urgency { member("urgency") { $0.string(urgency.rawValue) } }
        member("version") { $0.int(self.version) }
        writer.objectEnd()
    }
}

extension EventRouting {
    /// Writes what ``encode(to:)`` encodes, in sorted order.
    func writeJSON(to writer: inout DirectJSONWriter) {
        writer.objectStart()
        var first = true
        if let household = self.household {
            writer.key("household", first: true)
            writer.objectStart()
            writer.key("code", first: true)
            writer.string(household.code)
            writer.key("colour")
            writer.string(household.colour.rawValue)
            writer.objectEnd()
            first = false
        }
        writer.key("outcome", first: first)
        writer.string(self.outcome.rawValue)
        writer.key("reasons")
        writer.strings(self.reasons)
        if let unroutableReason = self.unroutableReason {
            writer.key("unroutableReason")
            writer.string(unroutableReason)
        }
        writer.objectEnd()
    }
}
