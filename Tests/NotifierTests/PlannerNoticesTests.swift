import CaseStore
import Foundation
import HotlineDomain
import TestSupport
import Testing

@testable import Notifier

/// What the planner writes beside the notifications, on the in-memory twins: a broadcast's
/// fan-out (one urgent SMS per grid worker in scope, the recipients recorded with their
/// notification, the broadcast marked once) and the volunteers' notices of a service order
/// (the offer to each volunteer, the secretary when it went to nobody, the others told once it
/// is taken, the volunteer given one by hand).
@Suite struct PlannerNoticesTests {
    let templates: SMSTemplates
    static let snapshot = InboundSMSCommandTests.snapshot

    init() throws {
        self.templates = try SMSTemplates()
    }

    static func event(_ type: String, _ data: String) throws -> TypedEventEnvelope<PlannerEvent.Data> {
        let json = #"{"id":"\#(UUID().uuidString.lowercased())","type":"\#(type)","version":1,"occurredAt":"2026-11-28T08:00:00Z","data":\#(data)}"#
        return try HotlineJSON.decoder().decode(TypedEventEnvelope<PlannerEvent.Data>.self, from: Data(json.utf8))
    }

    /// A service order of grid `620402001` (secretary 13909310399), assigned, taken by `volunteer`.
    static func order(handler: String = "volunteer", volunteer: String? = nil) async throws -> Ticket {
        try await InMemoryCases().routedTicket(handler: handler, description: "帮忙修水龙头", volunteer: volunteer)
    }

    static let directory = InMemoryVolunteerDirectory([
        VolunteerRecord(volunteer: Volunteer(code: "V2", name: "李四", phone: "13700000002", community: "620402101", skills: [])),
        VolunteerRecord(volunteer: Volunteer(code: "V1", name: "王五", phone: "13700000001", community: "620402101", skills: [])),
    ])

    var notices: VolunteerNotices { VolunteerNotices(templates: self.templates, timeZone: WorkingCalendar.chinaTimeZone) }

    @Test func aBroadcastReachesEachWorkerInScopeOnce() throws {
        let id = UUID().uuidString.lowercased()
        let event = EventEnvelope(
            type: .broadcastCreated, occurredAt: Date(),
            data: .object([
                "broadcastId": .string(id), "scope": .object(["community": .string("620402101")]), "text": .string("今晚暴雨，请巡查低洼处"),
                "requireAck": .bool(true), "createdBy": .string("operator"),
            ])
        )
        let store = InMemoryBroadcastFanOutStore()
        let planned = try BroadcastFanOut(templates: self.templates).plan(event, snapshot: Self.snapshot, recordingIn: store)
        #expect(planned.map(\.recipient).sorted() == ["13909310301", "13909310302"])
        #expect(planned.allSatisfy { $0.kind == "broadcast" && $0.role == "grid_worker" && $0.urgent && $0.sourceEvent == event.id })
        #expect(planned.allSatisfy { $0.body.contains("今晚暴雨，请巡查低洼处") && $0.body.contains("收到请回复") })
        let recorded = store.recipients(of: id)
        #expect(recorded.map(\.recipient.phone) == planned.map(\.recipient))
        #expect(recorded.map(\.notification) == planned.map(\.id))
        #expect(store.fannedOut(id) == 2)
    }

    @Test func anOfferGoesToEachVolunteerOrToTheSecretaryWhenNobody() async throws {
        let order = try await Self.order()
        let offered = try self.notices.plan(
            try Self.event("ticket.offered", #"{"volunteers":["V2","V1"]}"#), ticket: order, snapshot: Self.snapshot, volunteers: Self.directory
        )
        #expect(offered.map(\.recipient) == ["13700000001", "13700000002"])
        #expect(offered.allSatisfy { $0.kind == "volunteer_offer" && $0.role == "volunteer" && $0.ticketId == order.id && !$0.urgent })
        #expect(offered.allSatisfy { $0.body.contains(order.number) })

        let nobody = try self.notices.plan(
            try Self.event("ticket.offered", #"{"volunteers":[]}"#), ticket: order, snapshot: Self.snapshot, volunteers: Self.directory
        )
        #expect(nobody.map(\.recipient) == ["13909310399"])
        #expect(nobody.first?.kind == "secretary_alert" && nobody.first?.role == "secretary" && nobody.first?.urgent == true)
    }

    @Test func aTakenOrderClosesTheOthersOffersAndTellsAVolunteerGivenItByHand() async throws {
        let order = try await Self.order(volunteer: "V1")
        let byHand = try self.notices.plan(
            try Self.event("ticket.accepted", #"{"volunteer":"V1","others":["V2"],"assignedBy":"李书记"}"#), ticket: order, snapshot: Self.snapshot,
            volunteers: Self.directory
        )
        #expect(byHand.map(\.kind) == ["offer_closed", "volunteer_assigned"])
        #expect(byHand.map(\.recipient) == ["13700000002", "13700000001"])
        // Taken by the volunteer itself: only the others hear of it.
        let taken = try self.notices.plan(
            try Self.event("ticket.accepted", #"{"volunteer":"V1","others":["V2"]}"#), ticket: order, snapshot: Self.snapshot, volunteers: Self.directory
        )
        #expect(taken.map(\.kind) == ["offer_closed"])
    }

    @Test func anOverdueOrderAlertsItsTakerOrTheSecretary() async throws {
        let taken = try await Self.order(volunteer: "V2")
        let resolve = try self.notices.plan(
            try Self.event("ticket.overdue", #"{"what":"resolve"}"#), ticket: taken, snapshot: Self.snapshot, volunteers: Self.directory
        )
        #expect(resolve.map(\.recipient) == ["13700000002"])
        #expect(resolve.first?.kind == "overdue" && resolve.first?.role == "volunteer")
        let untaken = try await Self.order()
        let respond = try self.notices.plan(
            try Self.event("ticket.overdue", #"{"what":"respond"}"#), ticket: untaken, snapshot: Self.snapshot, volunteers: Self.directory
        )
        #expect(respond.map(\.recipient) == ["13909310399"])
        #expect(respond.first?.kind == "secretary_alert")
    }

    @Test func anotherHandlersTicketCausesNoVolunteerNotice() async throws {
        let ticket = try await Self.order(handler: "community")
        let none = try self.notices.plan(
            try Self.event("ticket.offered", #"{"volunteers":["V1"]}"#), ticket: ticket, snapshot: Self.snapshot, volunteers: Self.directory
        )
        #expect(none.isEmpty)
    }
}
