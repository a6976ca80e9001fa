/// The household a ticket came from (by the caller's phone or the address), as routing and the
/// ticket show it.
public struct HouseholdTag: Codable, Sendable, Hashable {
    public var code: String
    public var colour: HouseholdColour
    /// Why the household has its colour, e.g. `red: 独居 + 70岁以上 (曹福禄)`.
    public var reason: String
    /// What matched: `caller phone` or `address`.
    public var matchedBy: String

    public init(code: String, colour: HouseholdColour, reason: String, matchedBy: String) {
        self.code = code
        self.colour = colour
        self.reason = reason
        self.matchedBy = matchedBy
    }
}
