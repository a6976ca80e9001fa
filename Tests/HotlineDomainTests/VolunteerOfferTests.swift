import Foundation
import Testing
@testable import HotlineDomain

/// The offer/take state of a service order (``VolunteerOffer``): the first taker wins, a later
/// one changes nothing, and only volunteers it was offered to may take it (a secretary's hand
/// excepted).
@Suite struct VolunteerOfferTests {
    let open = VolunteerOffer(status: .assigned, taker: nil, offeredTo: ["V-001", "V-002"])

    @Test func theFirstOfferedTakerWinsAndTheOrderIsAccepted() {
        #expect(self.open.isOpen)
        #expect(self.open.take(by: "V-001") == .taken)
        let taken = self.open.taken(by: "V-001")
        #expect(taken.taker == "V-001" && taken.status == .accepted && !taken.isOpen)
    }

    @Test func aLaterTakerChangesNothingAndLearnsWhoWasFirst() {
        let taken = self.open.taken(by: "V-001")
        #expect(taken.take(by: "V-002") == .takenByOther("V-001"))
        #expect(taken.taken(by: "V-002") == taken)
        #expect(taken.take(by: "V-001") == .alreadyYours, "a repeated reply of the taker")
        #expect(!taken.take(by: "V-002").wins)
    }

    @Test func onlyAnOfferedVolunteerTakesUnlessTheSecretaryGivesIt() {
        #expect(self.open.take(by: "V-009") == .notOffered)
        #expect(self.open.take(by: "V-009", byHand: true) == .taken)
        #expect(self.open.taken(by: "V-009", byHand: true).taker == "V-009")
        // Offered to nobody: only a hand can give it.
        let nobody = VolunteerOffer(status: .assigned, taker: nil, offeredTo: [])
        #expect(nobody.take(by: "V-001") == .notOffered && nobody.take(by: "V-001", byHand: true) == .taken)
    }

    @Test(arguments: [TicketStatus.resolved, .closed, .cancelled, .unroutable, .received])
    func anOrderNoLongerWaitingCannotBeTaken(_ status: TicketStatus) {
        let offer = VolunteerOffer(status: status, taker: nil, offeredTo: ["V-001"])
        #expect(offer.take(by: "V-001") == .closed(status))
        #expect(offer.take(by: "V-001", byHand: true) == .closed(status))
        #expect(!offer.isOpen)
    }

    @Test func whoIsOfferedAnOrder() {
        let volunteer = Volunteer(code: "V-1", name: "王芳", phone: "13900000001", community: "C1", skills: ["meal"], weekdays: [1, 3, 5])
        #expect(volunteer.isOffered(category: "meal", community: "C1", weekday: 3))
        #expect(!volunteer.isOffered(category: "meal", community: "C1", weekday: 2), "not on Tuesdays")
        #expect(!volunteer.isOffered(category: "tutoring", community: "C1", weekday: 3), "no such skill")
        #expect(!volunteer.isOffered(category: "meal", community: "C2", weekday: 3), "another community")
        var paused = volunteer
        paused.paused = true
        #expect(!paused.isOffered(category: "meal", community: "C1", weekday: 3))
        var everyDay = volunteer
        everyDay.weekdays = []
        #expect(everyDay.isOffered(category: "meal", community: "C1", weekday: 7))
    }
}
