/// Who reads or searches the registry, as the audit tables record it.
public struct HouseholdReader: Sendable, Equatable {
    /// The key's name.
    public var name: String
    /// The key's role (`operator`, `grid`...).
    public var role: String
    /// The key's id, nil for a key without one.
    public var keyId: String?

    /// A reader.
    public init(name: String, role: String, keyId: String?) {
        (self.name, self.role, self.keyId) = (name, role, keyId)
    }
}
