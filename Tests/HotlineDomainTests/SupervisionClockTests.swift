import Foundation
@testable import HotlineDomain
import Testing

@Suite struct SupervisionClockTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func anExtensionNeedsAReasonAndALaterDeadline() {
        let deadline = self.now.addingTimeInterval(3600)
        #expect(throws: SupervisionClock.Refusal(field: "reason", message: "an extension needs its reason")) {
            try SupervisionClock.checkExtension(until: deadline.addingTimeInterval(86400), reason: "  ", currentResolveBy: deadline, now: self.now)
        }
        #expect(throws: SupervisionClock.Refusal.self) {
            try SupervisionClock.checkExtension(until: deadline, reason: "等材料", currentResolveBy: deadline, now: self.now)
        }
        #expect(throws: SupervisionClock.Refusal.self) {
            try SupervisionClock.checkExtension(until: self.now.addingTimeInterval(-1), reason: "等材料", currentResolveBy: nil, now: self.now)
        }
        #expect(throws: Never.self) {
            try SupervisionClock.checkExtension(until: deadline.addingTimeInterval(1), reason: "等材料", currentResolveBy: deadline, now: self.now)
        }
    }

    @Test func aResumedDeadlineMovesByThePausedTime() {
        let deadline = self.now.addingTimeInterval(2 * 3600)
        let resumed = SupervisionClock.resumed(deadline, pausedAt: self.now, resumedAt: self.now.addingTimeInterval(5 * 3600))
        #expect(resumed == self.now.addingTimeInterval(7 * 3600))
        // A resume stamped before its pause (clock skew) never shortens the deadline.
        #expect(SupervisionClock.resumed(deadline, pausedAt: self.now, resumedAt: self.now.addingTimeInterval(-60)) == deadline)
    }

    @Test func aPausedTicketIsNeverLateWhileItsClockIsStopped() {
        let deadline = self.now.addingTimeInterval(-3600)
        // Paused two hours before its deadline, three days ago: still on time now.
        let pausedAt = deadline.addingTimeInterval(-2 * 3600)
        #expect(SupervisionClock.onTime(resolveBy: deadline, resolvedAt: nil, pausedAt: pausedAt, now: self.now))
        #expect(!SupervisionClock.onTime(resolveBy: deadline, resolvedAt: nil, pausedAt: nil, now: self.now))
        #expect(SupervisionClock.effectiveDeadline(deadline, pausedAt: pausedAt, now: self.now) == self.now.addingTimeInterval(2 * 3600))
    }

    @Test func anApprovedExtensionIsTheDeadlineTheRatesUse() {
        let original = self.now
        let extended = self.now.addingTimeInterval(2 * 86400)
        let resolved = self.now.addingTimeInterval(86400)
        #expect(!SupervisionClock.onTime(resolveBy: original, resolvedAt: resolved, pausedAt: nil, now: resolved))
        #expect(SupervisionClock.onTime(resolveBy: extended, resolvedAt: resolved, pausedAt: nil, now: resolved))
        #expect(SupervisionClock.onTime(resolveBy: nil, resolvedAt: resolved, pausedAt: nil, now: resolved))
    }
}
