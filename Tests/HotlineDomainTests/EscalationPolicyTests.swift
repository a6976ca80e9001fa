import Foundation
import Testing
@testable import HotlineDomain

@Suite struct EscalationPolicyTests {
    let opened = Date(timeIntervalSince1970: 1_000_000)
    let policy = EscalationPolicy(street: 1.0, district: 2.0)

    private func level(after hours: Double, resolveHours: Double = 10) -> ResponsibilityLevel {
        self.policy.level(
            openedAt: self.opened, resolveBy: self.opened.addingTimeInterval(resolveHours * 3_600),
            now: self.opened.addingTimeInterval(hours * 3_600)
        )
    }

    @Test func climbsAtTheMultiples() {
        #expect(self.level(after: 0) == .community)
        #expect(self.level(after: 9.99) == .community)
        #expect(self.level(after: 10) == .street)
        #expect(self.level(after: 19.99) == .street)
        #expect(self.level(after: 20) == .district)
        #expect(self.level(after: 100) == .district)
    }

    @Test func zeroResolveTime() {
        #expect(self.level(after: 0, resolveHours: 0) == .community)
        #expect(self.level(after: 1, resolveHours: 0) == .district)
    }

    @Test func levelsOrderAndRaise() {
        #expect(ResponsibilityLevel.community < .street)
        #expect(ResponsibilityLevel.street < .district)
        #expect(ResponsibilityLevel.community.raised() == .street)
        #expect(ResponsibilityLevel.street.raised() == .district)
        #expect(ResponsibilityLevel.district.raised() == nil)
        #expect(Urgency.general < .urgent && Urgency.urgent < .emergency)
        #expect(Urgency.allCases.max() == .emergency)
        #expect(Channel.gridPatrol.rawValue == "grid_patrol")
        #expect(Channel.walkIn.rawValue == "walk_in")
        #expect(RatingScore(rawValue: 2) == .basicallySatisfied)
    }
}
