/// A value that writes its own JSON with a ``DirectJSONWriter``: the same bytes
/// `HotlineJSON.encoder()` writes for it, without `Codable`'s cost.
public protocol DirectJSONEncodable {
    /// Appends the value's JSON; `false` when it cannot (say, a number `JSONEncoder` writes in a
    /// way this writer does not copy): the caller then encodes with `JSONEncoder`, and whatever
    /// was appended is thrown away.
    func writeJSON(to writer: inout DirectJSONWriter) -> Bool
}
