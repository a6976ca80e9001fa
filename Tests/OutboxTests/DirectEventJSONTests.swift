@testable import CaseStore
import Foundation
import HotlineDomain
import Outbox
import Testing

/// Ticket events are written by hand (``DirectJSONEncodable``): the bytes must be the ones
/// `JSONEncoder` writes, so that nothing a consumer reads changes.
@Suite struct DirectEventJSONTests {
    func ticket(routed: Bool, duplicateOf: String? = nil) throws -> Ticket {
        let routing = #"""
            "routing": {"grid": "G-01", "gridName": "一网格", "community": "C1", "communityName": "东社区", "street": "S1",
              "district": "D1", "handler": "department", "level": "street", "reasons": ["按 \"关键词\" 分类", "a\\b"],
              "departments": [{"code": "water", "name": "水务局", "role": "lead"}, {"code": "road/1", "name": "路政", "role": "assist"}],
              "rules": [{"rule": "grid.by_address", "values": {"grid": "G-01"}}]},
            """#
        let json = """
            {"id": "0b0e7a52-4c1d-4e55-9d0e-7d1b1a2b3c4d", "number": "12345-20261128-000001", "status": "\(routed ? "assigned" : "received")",
             "version": 3, "channel": "phone", "caller": {"name": "张三", "phone": "13800000000"}, "description": "路灯不亮",
             "category": "streetlight", "location": {"address": "南京东路 1 号"}, "urgency": "urgent", "major": "accident",
             "createdAt": "2026-11-28T10:00:00.123Z", "updatedAt": "2026-11-28T10:00:01Z", \(routed ? routing : "")
             "deadlines": {"respondBy": "2026-11-28T12:00:00Z", "resolveBy": "2026-12-01T16:00:00.5Z"},
             "reopenCount": 0, "returnCount": 0, "duplicateCount": 0, "followUp": false
             \(duplicateOf.map { #", "duplicateOf": "\#($0)""# } ?? "")}
            """
        return try HotlineJSON.decoder().decode(Ticket.self, from: Data(json.utf8))
    }

    func expectSameBytes(_ envelope: TypedEventEnvelope<TicketEventData>) throws {
        let direct = try #require(envelope.directJSON())
        let encoded = String(decoding: try HotlineJSON.encoder().encode(envelope), as: UTF8.self)
        #expect(direct == encoded)
        #expect(try OutboxMessage.event(envelope).body == encoded)
    }

    @Test func receivedAssignedAndDuplicateEventsMatchTheEncoder() throws {
        let received = try self.ticket(routed: false)
        try self.expectSameBytes(
            TypedEventEnvelope(
                type: .ticketReceived, occurredAt: Date(timeIntervalSince1970: 1_764_324_000.123_4), ticketId: received.id,
                ticketNumber: received.number, data: TicketEventData(["promisedBy": "2026-12-01T16:00:00.000Z", "channel": "phone"], ticket: received)
            )
        )
        let assigned = try self.ticket(routed: true)
        let decision = RoutingDecision(
            outcome: .routed, category: "streetlight", grid: nil, handler: .department,
            departments: [DepartmentAssignment(code: "water", name: "水务局", role: .lead)], urgency: .urgent,
            respondBy: nil, resolveBy: nil, reasons: ["第一\n条", "二/三"], unroutableReason: nil,
            household: HouseholdTag(code: "H-9", colour: .red, reason: "独居老人: 行动不便", matchedBy: "phone")
        )
        try self.expectSameBytes(
            TypedEventEnvelope(
                type: .ticketAssigned, occurredAt: Date(timeIntervalSince1970: 1_764_324_001), ticketId: assigned.id,
                ticketNumber: assigned.number,
                data: TicketEventData(
                    ["routing": "replaced", "by": "system", "Note": .null, "attempt": 2, "flags": [true, false], "nested": ["zeta": 1, "Alpha": "a"]],
                    routing: decision, ticket: assigned
                )
            )
        )
        var unroutable = decision
        unroutable.outcome = .unroutable
        unroutable.unroutableReason = "无法定位 \"网格\""
        unroutable.household = nil
        try self.expectSameBytes(
            TypedEventEnvelope(
                type: .ticketUnroutable, occurredAt: Date(timeIntervalSince1970: 0), ticketId: nil, ticketNumber: nil,
                data: TicketEventData([:], routing: unroutable, ticket: try self.ticket(routed: false, duplicateOf: "6f1c2d3e-0000-4000-8000-000000000001"))
            )
        )
    }

    @Test func aFractionalNumberFallsBackToTheEncoder() throws {
        let ticket = try self.ticket(routed: true)
        let envelope = TypedEventEnvelope(
            type: .ticketResolved, occurredAt: Date(timeIntervalSince1970: 1_764_324_002), ticketId: ticket.id,
            ticketNumber: ticket.number, data: TicketEventData(["score": 4.5], ticket: ticket)
        )
        #expect(envelope.directJSON() == nil)
        let encoded = String(decoding: try HotlineJSON.encoder().encode(envelope), as: UTF8.self)
        #expect(try OutboxMessage.event(envelope).body == encoded)
    }

    @Test func storedRoutingMatchesTheEncoder() throws {
        var routing = try #require(try self.ticket(routed: true).routing)
        #expect(routing.directJSON == String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self))
        routing.household = HouseholdTag(code: "H-1", colour: .yellow, reason: "独居: \"老人\"", matchedBy: "caller phone")
        routing.jurisdictionVersion = 12
        routing.rules = [RoutingRule("category.keyword", ["keyword": "路灯", "Category": "streetlight", "b10": "x", "b9": "y"]), RoutingRule("x")]
        #expect(routing.directJSON == String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self))
        routing = Ticket.Routing(
            RoutingDecision(
                outcome: .unroutable, category: nil, grid: nil, handler: nil, departments: [], urgency: .general, respondBy: nil,
                resolveBy: nil, reasons: [], unroutableReason: "无网格"
            )
        )
        #expect(routing.directJSON == String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self))
    }

    @Test func routingRulesCanBeLeftOutWhenReadingATicket() throws {
        let json = Data(#"{"departments": [], "level": "community", "reasons": ["x"], "rules": [{"rule": "c", "values": {}}]}"#.utf8)
        let full = try HotlineJSON.decoder().decode(Ticket.Routing.self, from: json)
        #expect(full.rules?.count == 1)
        let decoder = HotlineJSON.decoder()
        decoder.userInfo[.skipRoutingRules] = true
        let light = try decoder.decode(Ticket.Routing.self, from: json)
        #expect(light.rules == nil)
        #expect(light.reasons == ["x"])
    }
}
