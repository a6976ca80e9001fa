/// A grid worker a broadcast goes to: one phone, and the grids it covers in the scope.
public struct BroadcastRecipient: Codable, Sendable, Hashable {
    /// The worker's name (of the first grid listing the phone).
    public var name: String
    /// The normalized phone number.
    public var phone: String
    /// Codes of the grids in scope this worker covers.
    public var grids: [String]

    /// Creates a recipient.
    public init(name: String, phone: String, grids: [String]) {
        self.name = name
        self.phone = phone
        self.grids = grids
    }
}
