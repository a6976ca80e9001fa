import Foundation
import HotlineDomain

/// What an event says about its ticket (`data.ticket`): the state consumers route, count and
/// display by, in a few hundred bytes, and nothing personal - no caller, description or
/// address. A consumer that needs those (the notifier, to text the resident) reads the ticket
/// from the database; ``Ticket`` is what `GET /v1/tickets/{id}` shows.
public struct TicketSummary: Codable, Sendable, Equatable {
    /// The status after the change.
    public var status: TicketStatus
    /// Raised by every change: compare it to ignore stale events.
    public var version: Int
    /// The category code, once known.
    public var category: String?
    /// The urgency the ticket is handled with.
    public var urgency: Urgency?
    /// A 三重 matter.
    public var major: MajorMatter?
    /// The grid's code, once routed.
    public var grid: String?
    /// The community's code, once routed.
    public var community: String?
    /// The street's code, once routed.
    public var street: String?
    /// The district's code, once routed.
    public var district: String?
    /// Who handles it: community, department, secretary.
    public var handler: HandlerKind?
    /// Who answers for it now.
    public var level: ResponsibilityLevel
    /// Lead and assisting departments.
    public var departments: [DepartmentAssignment]
    /// Respond (accept) by.
    public var respondBy: Date?
    /// Resolve by.
    public var resolveBy: Date?
    /// The original, for a duplicate.
    public var duplicateOf: String?

    /// The summary of `ticket`.
    public init(_ ticket: Ticket) {
        self.status = ticket.status
        self.version = ticket.version
        self.category = ticket.category
        self.urgency = ticket.urgency
        self.major = ticket.major
        self.grid = ticket.routing?.grid
        self.community = ticket.routing?.community
        self.street = ticket.routing?.street
        self.district = ticket.routing?.district
        self.handler = ticket.routing?.handler
        self.level = ticket.level
        self.departments = ticket.routing?.departments ?? []
        self.respondBy = ticket.deadlines.respondBy
        self.resolveBy = ticket.deadlines.resolveBy
        self.duplicateOf = ticket.duplicateOf
    }

    private enum CodingKeys: String, CodingKey {
        case status, version, category, urgency, major, grid, community, street, district, handler, level, departments
        case respondBy, resolveBy, duplicateOf
    }

    // Absent rather than null: every byte is carried by each event.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.status, forKey: .status)
        try c.encode(self.version, forKey: .version)
        try c.encodeIfPresent(self.category, forKey: .category)
        try c.encodeIfPresent(self.urgency, forKey: .urgency)
        try c.encodeIfPresent(self.major, forKey: .major)
        try c.encodeIfPresent(self.grid, forKey: .grid)
        try c.encodeIfPresent(self.community, forKey: .community)
        try c.encodeIfPresent(self.street, forKey: .street)
        try c.encodeIfPresent(self.district, forKey: .district)
        try c.encodeIfPresent(self.handler, forKey: .handler)
        try c.encode(self.level, forKey: .level)
        try c.encode(self.departments, forKey: .departments)
        try c.encodeIfPresent(self.respondBy, forKey: .respondBy)
        try c.encodeIfPresent(self.resolveBy, forKey: .resolveBy)
        try c.encodeIfPresent(self.duplicateOf, forKey: .duplicateOf)
    }
}

/// The routing decision as an event carries it (`data.routing` of `ticket.assigned` and
/// `ticket.unroutable`): the outcome and its reasons. Where it went is in `data.ticket`; the
/// grid's staff contacts and the machine-readable rules stay on the ticket (`GET /v1/tickets/{id}`).
public struct EventRouting: Encodable, Sendable {
    /// `routed` or `unroutable`.
    public var outcome: RoutingOutcome
    /// The reasons, in Chinese.
    public var reasons: [String]
    /// Why it could not be routed.
    public var unroutableReason: String?
    /// The household the call came from: its code and colour.
    public var household: Household?

    /// The household part: no reason (it may describe the residents).
    public struct Household: Encodable, Sendable {
        /// The household's code (一户一档).
        public var code: String
        /// Its colour.
        public var colour: HouseholdColour
    }

    /// The event form of `decision`.
    public init(_ decision: RoutingDecision) {
        self.outcome = decision.outcome
        self.reasons = decision.reasons
        self.unroutableReason = decision.unroutableReason
        self.household = decision.household.map { Household(code: $0.code, colour: $0.colour) }
    }

    private enum CodingKeys: String, CodingKey {
        case outcome, reasons, unroutableReason, household
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.outcome, forKey: .outcome)
        try c.encode(self.reasons, forKey: .reasons)
        try c.encodeIfPresent(self.unroutableReason, forKey: .unroutableReason)
        try c.encodeIfPresent(self.household, forKey: .household)
    }
}
