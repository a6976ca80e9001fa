import Foundation
import HotlineDomain

/// What the console and the big screen are told about one event: enough to update a row, a grid's
/// colour or a counter, never the caller's name or phone (the page fetches the ticket if it needs more).
struct LiveEvent: Codable, Sendable {
    var id: String
    var type: String
    var occurredAt: Date
    var ticketId: String?
    var ticketNumber: String?
    var status: String?
    var category: String?
    var grid: String?
    /// The community and handler, for the grid's keys (``isVisible(to:)`` of a ``GridParty``).
    var community: String?
    var handler: String?
    var street: String?
    var level: String?
    var major: String?
    var departments: [String]
    /// The event's own reason or note, when it has one (a return's reason, a cluster's size).
    var detail: String?

    /// The summary of `envelope`, taken from the ticket summary the event carries (`data.ticket`:
    /// routing at its top level; events written before summaries carried the whole ticket, whose
    /// flat copies of the routing sit there too).
    init(_ envelope: EventEnvelope) {
        let ticket = envelope.payload["ticket"]
        self.id = envelope.id
        self.type = envelope.type
        self.occurredAt = envelope.occurredAt
        self.ticketId = envelope.ticketId
        self.ticketNumber = envelope.ticketNumber
        self.status = ticket?["status"]?.stringValue
        self.category = ticket?["category"]?.stringValue ?? envelope.payload["category"]?.stringValue
        self.grid = ticket?["grid"]?.stringValue ?? envelope.payload["grid"]?.stringValue
        self.community = ticket?["community"]?.stringValue
        self.handler = ticket?["handler"]?.stringValue
        self.street = ticket?["street"]?.stringValue ?? envelope.payload["street"]?.stringValue
        self.level = ticket?["level"]?.stringValue
        self.major = ticket?["major"]?.stringValue
        self.departments = ticket?["departments"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        self.detail = ["reason", "note", "count"].lazy.compactMap { key -> String? in
            guard let value = envelope.payload[key] else { return nil }
            return value.stringValue ?? value.intValue.map(String.init)
        }.first
    }

    /// Whether a department key may see it: only events about its own tickets.
    func isVisible(to department: String?) -> Bool {
        guard let department else { return true }
        return self.departments.contains(department)
    }
}
