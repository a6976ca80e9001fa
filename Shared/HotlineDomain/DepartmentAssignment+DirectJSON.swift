extension DepartmentAssignment {
    /// Writes what ``encode(to:)`` encodes, in sorted key order (the ticket's stored routing and
    /// the events' ticket summary both list their departments this way).
    public func writeJSON(to writer: inout DirectJSONWriter) {
        writer.objectStart()
        writer.key("code", first: true)
        writer.string(self.code)
        writer.key("name")
        writer.string(self.name)
        writer.key("role")
        writer.string(self.role.rawValue)
        writer.objectEnd()
    }
}
