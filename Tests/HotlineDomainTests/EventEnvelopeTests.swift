import Foundation
import Testing
@testable import HotlineDomain

@Suite struct EventEnvelopeTests {
    @Test func roundTripsWithMilliseconds() throws {
        let envelope = EventEnvelope(
            type: .ticketAssigned, occurredAt: Date(timeIntervalSince1970: 1_790_000_000.456),
            ticketId: "t-1", ticketNumber: "12345-20260921-000001",
            data: ["grid": "620402001", "departments": ["CG", "GD"], "urgent": false]
        )
        let data = try envelope.jsonData()
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""occurredAt":"2026-09-21T14:13:20.456Z""#))
        #expect(json.contains(#""type":"ticket.assigned""#))
        let decoded = try EventEnvelope.decode(from: data)
        #expect(decoded == envelope)
        #expect(decoded.eventType == .ticketAssigned)
        #expect(UUID(uuidString: decoded.id) != nil)
        #expect(decoded.id == decoded.id.lowercased())
    }

    @Test func writesNullTicketFields() throws {
        let envelope = EventEnvelope(id: "x", type: .broadcastCreated, occurredAt: Date(timeIntervalSince1970: 0), data: .object([:]))
        let json = String(decoding: try envelope.jsonData(), as: UTF8.self)
        #expect(json == #"{"data":{},"id":"x","occurredAt":"1970-01-01T00:00:00.000Z","ticketId":null,"ticketNumber":null,"type":"broadcast.created","version":1}"#)
    }

    @Test(arguments: [
        ("2026-09-21T14:13:20Z", 1_790_000_000.0),
        ("2026-09-21T14:13:20.5Z", 1_790_000_000.5),
        ("2026-09-21T14:13:20.123456Z", 1_790_000_000.123456),
        ("2026-09-21T22:13:20+08:00", 1_790_000_000.0),
        ("2026-09-21 22:13:20.000+08", 1_790_000_000.0),
        ("2026-09-21T09:13:20-0500", 1_790_000_000.0),
    ])
    func acceptsTimestampVariants(text: String, seconds: Double) throws {
        let data = Data(#"{"id": "x", "type": "ticket.closed", "version": 2, "occurredAt": "\#(text)", "ticketId": null}"#.utf8)
        let decoded = try EventEnvelope.decode(from: data)
        #expect(abs(decoded.occurredAt.timeIntervalSince1970 - seconds) < 1e-6)
        #expect(decoded.version == 2)
        #expect(decoded.ticketId == nil)
        #expect(decoded.payload == [:])
    }

    @Test(arguments: ["2026-09-21", "2026-09-21T14:13:20", "2026-13-21T14:13:20Z", "yesterday", "2026-09-21T14:13:20.Z"])
    func rejectsBadTimestamps(text: String) {
        let data = Data(#"{"id": "x", "type": "ticket.closed", "version": 1, "occurredAt": "\#(text)"}"#.utf8)
        #expect(throws: DecodingError.self) {
            try EventEnvelope.decode(from: data)
        }
    }

    @Test func unknownTypesStillDecode() throws {
        let data = Data(#"{"id": "x", "type": "ticket.teleported", "version": 1, "occurredAt": "2026-01-01T00:00:00Z"}"#.utf8)
        let decoded = try EventEnvelope.decode(from: data)
        #expect(decoded.eventType == nil)
    }

    @Test func routingKeysAreUniqueAndDotted() {
        let keys = EventType.allCases.map(\.routingKey)
        #expect(Set(keys).count == keys.count)
        #expect(keys.allSatisfy { $0.split(separator: ".").count == 2 })
        #expect(EventType(rawValue: "ticket.received") == .ticketReceived)
        #expect(EventType.notificationFailed.rawValue == "notification.failed")
        #expect(EventType.householdAlert.rawValue == "household.alert")
    }
}

@Suite struct HotlineJSONTests {
    @Test func formatsAndParsesInstants() {
        let date = Date(timeIntervalSince1970: 1_790_000_000.007)
        #expect(HotlineJSON.format(date) == "2026-09-21T14:13:20.007Z")
        #expect(HotlineJSON.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(HotlineJSON.parseDate("2026-09-21T14:13:20.007Z") == HotlineJSON.parse("2026-09-21T22:13:20.007+08:00"))
        #expect(HotlineJSON.parseDate("not a date") == nil)
    }
}
