import HotlineDomain

extension Ticket.Routing {
    /// The JSON stored in `tickets.routing`: what `HotlineJSON.encoder()` writes for it (absent
    /// optionals left out, members in sorted order), written directly; routing a batch encoded
    /// one per ticket, 5 % of the dispatcher's CPU through `JSONEncoder`.
    public var directJSON: String {
        var writer = DirectJSONWriter()
        writer.objectStart()
        var first = true
        func member(_ key: String) {
            writer.key(key, first: first)
            first = false
        }
        func optional(_ key: String, _ value: String?) {
            guard let value else { return }
            member(key)
            writer.string(value)
        }
        optional("community", self.community)
        optional("communityName", self.communityName)
        member("departments")
        writer.arrayStart()
        for (index, department) in self.departments.enumerated() {
            writer.separator(first: index == 0)
            department.writeJSON(to: &writer)
        }
        writer.arrayEnd()
        optional("district", self.district)
        optional("districtName", self.districtName)
        optional("grid", self.grid)
        optional("gridName", self.gridName)
        optional("handler", self.handler?.rawValue)
        if let household = self.household {
            member("household")
            writer.objectStart()
            writer.key("code", first: true)
            writer.string(household.code)
            writer.key("colour")
            writer.string(household.colour.rawValue)
            writer.key("matchedBy")
            writer.string(household.matchedBy)
            writer.key("reason")
            writer.string(household.reason)
            writer.objectEnd()
        }
        if let version = self.jurisdictionVersion {
            member("jurisdictionVersion")
            writer.int(version)
        }
        member("level")
        writer.string(self.level.rawValue)
        member("reasons")
        writer.strings(self.reasons)
        if let rules = self.rules {
            member("rules")
            writer.arrayStart()
            for (index, rule) in rules.enumerated() {
                writer.separator(first: index == 0)
                writer.objectStart()
                writer.key("rule", first: true)
                writer.string(rule.rule)
                writer.key("values")
                writer.objectStart()
                for (position, key) in DirectJSONWriter.sortedKeys(rule.values.keys).enumerated() {
                    writer.key(key, first: position == 0)
                    writer.string(rule.values[key]!)
                }
                writer.objectEnd()
                writer.objectEnd()
            }
            writer.arrayEnd()
        }
        optional("street", self.street)
        optional("streetName", self.streetName)
        writer.objectEnd()
        return writer.text
    }
}
