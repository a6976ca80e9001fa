import Foundation

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

extension HouseholdTag {
    /// How the household was found, in words: 来电号码, 地址, 为该户开立.
    public var matchedDescription: String {
        switch self.matchedBy {
        case "caller phone": "来电号码"
        case "address": "来电地址"
        case "opened for it": "此单为该户开立，该户"
        default: self.matchedBy
        }
    }

    /// The colour rule alone (`独居 + 70岁以上`), without the colour and without the member it
    /// matched, so a sentence shown to handlers names nobody.
    public var ruleText: String {
        var text = Substring(self.reason)
        if let colon = text.range(of: ": ") { text = text[colon.upperBound...] }
        if text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) { text = text[..<open.lowerBound] }
        return String(text)
    }
}
