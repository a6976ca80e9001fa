extension JSONValue: DirectJSONEncodable {
    /// Writes the value as ``encode(to:)`` does; `false` for a number that is not a whole number
    /// below 9e15 (`JSONEncoder` writes those its own way).
    public func writeJSON(to writer: inout DirectJSONWriter) -> Bool {
        switch self {
        case .null:
            writer.null()
        case .bool(let value):
            writer.bool(value)
        case .number(let value):
            guard value == value.rounded(), abs(value) < 9e15 else { return false }
            writer.int(Int(value))
        case .string(let value):
            writer.string(value)
        case .array(let values):
            writer.arrayStart()
            for (index, value) in values.enumerated() {
                writer.separator(first: index == 0)
                guard value.writeJSON(to: &writer) else { return false }
            }
            writer.arrayEnd()
        case .object(let members):
            writer.objectStart()
            for (index, key) in DirectJSONWriter.sortedKeys(members.keys).enumerated() {
                writer.key(key, first: index == 0)
                guard members[key]!.writeJSON(to: &writer) else { return false }
            }
            writer.objectEnd()
        }
        return true
    }
}
