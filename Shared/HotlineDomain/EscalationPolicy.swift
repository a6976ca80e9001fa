import Foundation

/// When an open ticket climbs the three levels (community -> street centre -> district centre).
///
/// Each threshold is a multiple of the ticket's resolve time: with `street: 1.0` a ticket still
/// open at its resolve deadline goes to the street centre; with `district: 2.0` one open for twice
/// its resolve time goes to the district.
public struct EscalationPolicy: Codable, Sendable, Hashable {
    /// Multiple of the resolve time at which the street centre answers for the ticket; > 0.
    public var street: Double
    /// Multiple of the resolve time at which the district centre answers; >= `street`.
    public var district: Double

    /// Creates a policy.
    public init(street: Double = 1.0, district: Double = 2.0) {
        self.street = street
        self.district = district
    }

    /// The level that should answer for a ticket opened at `openedAt` with resolve deadline
    /// `resolveBy`, at the instant `now`.
    ///
    /// A ticket with no resolve time at all (deadline at or before opening) counts as past every
    /// threshold once any time has passed.
    public func level(openedAt: Date, resolveBy: Date, now: Date) -> ResponsibilityLevel {
        let allowed = resolveBy.timeIntervalSince(openedAt)
        let elapsed = now.timeIntervalSince(openedAt)
        guard allowed > 0 else {
            return elapsed > 0 ? .district : .community
        }
        let multiple = elapsed / allowed
        if multiple >= self.district {
            return .district
        }
        if multiple >= self.street {
            return .street
        }
        return .community
    }
}
