import Foundation
import HotlineDomain

/// A ticket as the API shows it: the case record, its routing, deadlines and history.
public struct Ticket: Codable, Sendable {
    /// Who called.
    public struct Caller: Codable, Sendable {
        /// Name as given.
        public var name: String?
        /// Normalized phone number.
        public var phone: String?
    }

    /// Where the problem is.
    public struct Location: Codable, Sendable {
        /// Address text.
        public var address: String?
        /// Latitude (WGS84).
        public var lat: Double?
        /// Longitude (WGS84).
        public var lon: Double?
        /// Grid code given by the caller or operator.
        public var grid: String?
    }

    /// Who answers for the ticket, and why.
    public struct Routing: Codable, Sendable {
        /// Grid code.
        public var grid: String?
        /// Grid name.
        public var gridName: String?
        /// Community code.
        public var community: String?
        /// Community name.
        public var communityName: String?
        /// Street code.
        public var street: String?
        /// Street name.
        public var streetName: String?
        /// District code.
        public var district: String?
        /// District name.
        public var districtName: String?
        /// `community`, `department` or `secretary`.
        public var handler: HandlerKind?
        /// Lead and assisting departments.
        public var departments: [DepartmentAssignment]
        /// Who answers now: `community`, `street` or `district`.
        public var level: ResponsibilityLevel
        /// Which rules decided, in order, as Chinese sentences that name places and departments.
        public var reasons: [String]
        /// The same steps for integrators: each rule's code and values (``RoutingRule``).
        public var rules: [RoutingRule]?
        /// The household the ticket came from (caller phone or address), if one matched.
        public var household: HouseholdTag?
        /// The jurisdiction version (import revision) whose rules routed it; nil for a ticket
        /// routed before versions were kept (`GET /v1/jurisdiction/versions`).
        public var jurisdictionVersion: Int?
    }

    /// Promised times. Encoded with an encoder whose `userInfo` names a time zone
    /// (``CodingUserInfoKey/deadlineTimeZone``), each also comes as people read it
    /// (`respondByText`, `resolveByText`: `12月4日（周五）24时`), so every page shows the SMS's words.
    public struct Deadlines: Codable, Sendable {
        /// Respond (accept) by.
        public var respondBy: Date?
        /// Resolve by.
        public var resolveBy: Date?

        enum CodingKeys: String, CodingKey {
            case respondBy, resolveBy, respondByText, resolveByText
        }

        public init(respondBy: Date?, resolveBy: Date?) {
            self.respondBy = respondBy
            self.resolveBy = resolveBy
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.respondBy = try c.decodeIfPresent(Date.self, forKey: .respondBy)
            self.resolveBy = try c.decodeIfPresent(Date.self, forKey: .resolveBy)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(self.respondBy, forKey: .respondBy)
            try c.encodeIfPresent(self.resolveBy, forKey: .resolveBy)
            if let zone = encoder.userInfo[.deadlineTimeZone] as? TimeZone {
                let text = DeadlineText(timeZone: zone)
                try c.encodeIfPresent(self.respondBy.map(text.format), forKey: .respondByText)
                try c.encodeIfPresent(self.resolveBy.map(text.format), forKey: .resolveByText)
            }
        }
    }

    /// The resident's rating as the API shows it: `rating {score, reason, source, category}`.
    public struct Rating: Codable, Sendable {
        /// 1 satisfied, 2 basically satisfied, 3 dissatisfied.
        public var score: Int
        /// The resident's reason, if given.
        public var reason: String?
        /// `sms`, `operator` or `api`.
        public var source: String?
        /// The reason's category for analysis.
        public var category: RatingReasonCategory?

        // Every field is written, null when absent.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.score, forKey: .score)
            try c.encode(self.reason, forKey: .reason)
            try c.encode(self.source, forKey: .source)
            try c.encode(self.category, forKey: .category)
        }
    }

    /// The follow-up call's verified rating (回访复核), kept beside the resident's own: the rates
    /// count it in place of the resident's score.
    public struct VerifiedRating: Codable, Sendable {
        /// 1 satisfied, 2 basically satisfied, 3 dissatisfied, as the call found it.
        public var score: Int
        /// What the call found.
        public var note: String?
        /// The operator who called.
        public var by: String?
        /// When it was recorded.
        public var at: Date?

        // Every field is written, null when absent.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.score, forKey: .score)
            try c.encode(self.note, forKey: .note)
            try c.encode(self.by, forKey: .by)
            try c.encode(self.at, forKey: .at)
        }
    }

    /// One event of the ticket's timeline.
    public struct HistoryEntry: Codable, Sendable {
        /// Event id.
        public var id: String
        /// Event type (`ticket.assigned`...).
        public var type: String
        /// When it happened.
        public var occurredAt: Date
        /// The event's data.
        public var data: JSONValue
    }

    public var id: String
    public var number: String
    public var status: TicketStatus
    public var version: Int
    public var channel: Channel
    public var caller: Caller
    public var description: String
    public var category: String?
    public var location: Location
    public var urgency: Urgency?
    public var major: MajorMatter?
    public var externalId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var routing: Routing?
    public var deadlines: Deadlines
    /// The resident's score (1-3); shown as `rating.score` and, for older clients, `ratingScore`.
    public var rating: Int?
    /// Why (評单 with a reason: SMS `3 <原因>`, console, API).
    public var ratingReason: String?
    /// Where the rating came from: `sms`, `operator`, `api`.
    public var ratingSource: String?
    /// The reason's category (``RatingReasonCategory``).
    public var ratingCategory: RatingReasonCategory?
    public var ratedAt: Date?
    /// The follow-up call's verified rating, beside the resident's (`verifiedRating`).
    public var verifiedRating: VerifiedRating?
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var reopenCount: Int
    public var returnCount: Int
    public var duplicateOf: String?
    public var duplicateCount: Int
    public var followUp: Bool
    /// The latest extension request (延期): `until`, `reason`, `status`.
    public var extensionRequest: Supervision?
    /// The latest pause request (挂起): `reason`, `status`, and when the clock stopped.
    public var pause: Supervision?
    /// When an approved pause stopped the clock; `nil` while it runs.
    public var pausedAt: Date?
    /// W3C trace id of the request that created the ticket.
    public var traceId: String?
    /// The code of the volunteer who took a service order (handler `volunteer`); nil until taken.
    public var volunteer: String?
    public var history: [HistoryEntry]?

    // Flat copies of the routing, for clients that read them at the top level.
    public var grid: String? { self.routing?.grid }
    public var handler: HandlerKind? { self.routing?.handler }
    public var level: ResponsibilityLevel { self.routing?.level ?? .community }

    enum CodingKeys: String, CodingKey {
        case id, number, status, version, channel, caller, description, category, location, urgency, major
        case externalId, createdAt, updatedAt, routing, deadlines, rating, ratedAt, resolvedAt, closedAt
        case reopenCount, returnCount, duplicateOf, duplicateCount, followUp, traceId, history
        case extensionRequest = "extension", pause, pausedAt, ratingScore, verifiedRating
        case grid, community, street, district, handler, departments, level, volunteer
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try c.decode(String.self, forKey: .id)
        self.number = try c.decode(String.self, forKey: .number)
        self.status = try c.decode(TicketStatus.self, forKey: .status)
        self.version = try c.decode(Int.self, forKey: .version)
        self.channel = try c.decode(Channel.self, forKey: .channel)
        self.caller = try c.decode(Caller.self, forKey: .caller)
        self.description = try c.decode(String.self, forKey: .description)
        self.category = try c.decodeIfPresent(String.self, forKey: .category)
        self.location = try c.decode(Location.self, forKey: .location)
        self.urgency = try c.decodeIfPresent(Urgency.self, forKey: .urgency)
        self.major = try c.decodeIfPresent(MajorMatter.self, forKey: .major)
        self.externalId = try c.decodeIfPresent(String.self, forKey: .externalId)
        self.createdAt = try c.decode(Date.self, forKey: .createdAt)
        self.updatedAt = try c.decode(Date.self, forKey: .updatedAt)
        self.routing = try c.decodeIfPresent(Routing.self, forKey: .routing)
        self.deadlines = try c.decode(Deadlines.self, forKey: .deadlines)
        // `rating` is the object {score, reason, source, category}; events written before it was
        // one carry the bare score.
        if let score = try? c.decodeIfPresent(Int.self, forKey: .rating) {
            self.rating = score
        } else if let object = try? c.decodeIfPresent(Rating.self, forKey: .rating) {
            self.rating = object.score
            self.ratingReason = object.reason
            self.ratingSource = object.source
            self.ratingCategory = object.category
        } else {
            self.rating = nil
        }
        self.ratedAt = try c.decodeIfPresent(Date.self, forKey: .ratedAt)
        self.verifiedRating = try c.decodeIfPresent(VerifiedRating.self, forKey: .verifiedRating)
        self.resolvedAt = try c.decodeIfPresent(Date.self, forKey: .resolvedAt)
        self.closedAt = try c.decodeIfPresent(Date.self, forKey: .closedAt)
        self.reopenCount = try c.decode(Int.self, forKey: .reopenCount)
        self.returnCount = try c.decode(Int.self, forKey: .returnCount)
        self.duplicateOf = try c.decodeIfPresent(String.self, forKey: .duplicateOf)
        self.duplicateCount = try c.decode(Int.self, forKey: .duplicateCount)
        self.followUp = try c.decode(Bool.self, forKey: .followUp)
        self.traceId = try c.decodeIfPresent(String.self, forKey: .traceId)
        self.history = try c.decodeIfPresent([HistoryEntry].self, forKey: .history)
        self.extensionRequest = try c.decodeIfPresent(Supervision.self, forKey: .extensionRequest)
        self.pause = try c.decodeIfPresent(Supervision.self, forKey: .pause)
        self.pausedAt = try c.decodeIfPresent(Date.self, forKey: .pausedAt)
        self.volunteer = try c.decodeIfPresent(String.self, forKey: .volunteer)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.id, forKey: .id)
        try c.encode(self.number, forKey: .number)
        try c.encode(self.status, forKey: .status)
        try c.encode(self.version, forKey: .version)
        try c.encode(self.channel, forKey: .channel)
        try c.encode(self.caller, forKey: .caller)
        try c.encode(self.description, forKey: .description)
        try c.encode(self.category, forKey: .category)
        try c.encode(self.location, forKey: .location)
        try c.encode(self.urgency, forKey: .urgency)
        try c.encode(self.major, forKey: .major)
        try c.encode(self.externalId, forKey: .externalId)
        try c.encode(self.createdAt, forKey: .createdAt)
        try c.encode(self.updatedAt, forKey: .updatedAt)
        try c.encode(self.routing, forKey: .routing)
        try c.encode(self.deadlines, forKey: .deadlines)
        try c.encode(self.rating.map { Rating(score: $0, reason: self.ratingReason, source: self.ratingSource, category: self.ratingCategory) }, forKey: .rating)
        try c.encode(self.rating, forKey: .ratingScore)
        try c.encode(self.ratedAt, forKey: .ratedAt)
        try c.encode(self.verifiedRating, forKey: .verifiedRating)
        try c.encode(self.resolvedAt, forKey: .resolvedAt)
        try c.encode(self.closedAt, forKey: .closedAt)
        try c.encode(self.reopenCount, forKey: .reopenCount)
        try c.encode(self.returnCount, forKey: .returnCount)
        try c.encode(self.duplicateOf, forKey: .duplicateOf)
        try c.encode(self.duplicateCount, forKey: .duplicateCount)
        try c.encode(self.followUp, forKey: .followUp)
        try c.encode(self.traceId, forKey: .traceId)
        try c.encodeIfPresent(self.history, forKey: .history)
        try c.encode(self.extensionRequest, forKey: .extensionRequest)
        try c.encode(self.pause, forKey: .pause)
        try c.encode(self.pausedAt, forKey: .pausedAt)
        try c.encode(self.routing?.grid, forKey: .grid)
        try c.encode(self.routing?.community, forKey: .community)
        try c.encode(self.routing?.street, forKey: .street)
        try c.encode(self.routing?.district, forKey: .district)
        try c.encode(self.routing?.handler, forKey: .handler)
        try c.encode(self.routing?.departments ?? [], forKey: .departments)
        try c.encode(self.level, forKey: .level)
        try c.encodeIfPresent(self.volunteer, forKey: .volunteer)
    }
}

extension Ticket.Routing {
    /// Decodes every field; `rules` only unless the decoder's `userInfo` has
    /// ``CodingUserInfoKey/skipRoutingRules`` set to `true` (readers that never show them:
    /// decoding the rules was two thirds of the notifier's time reading tickets).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.grid = try c.decodeIfPresent(String.self, forKey: .grid)
        self.gridName = try c.decodeIfPresent(String.self, forKey: .gridName)
        self.community = try c.decodeIfPresent(String.self, forKey: .community)
        self.communityName = try c.decodeIfPresent(String.self, forKey: .communityName)
        self.street = try c.decodeIfPresent(String.self, forKey: .street)
        self.streetName = try c.decodeIfPresent(String.self, forKey: .streetName)
        self.district = try c.decodeIfPresent(String.self, forKey: .district)
        self.districtName = try c.decodeIfPresent(String.self, forKey: .districtName)
        self.handler = try c.decodeIfPresent(HandlerKind.self, forKey: .handler)
        self.departments = try c.decode([DepartmentAssignment].self, forKey: .departments)
        self.level = try c.decode(ResponsibilityLevel.self, forKey: .level)
        self.reasons = try c.decode([String].self, forKey: .reasons)
        let skipRules = decoder.userInfo[.skipRoutingRules] as? Bool ?? false
        self.rules = skipRules ? nil : try c.decodeIfPresent([RoutingRule].self, forKey: .rules)
        self.household = try c.decodeIfPresent(HouseholdTag.self, forKey: .household)
        self.jurisdictionVersion = try c.decodeIfPresent(Int.self, forKey: .jurisdictionVersion)
    }
}

extension CodingUserInfoKey {
    /// `true` in a decoder's `userInfo`: ``Ticket/Routing`` leaves `rules` out (nil).
    public static let skipRoutingRules = CodingUserInfoKey(rawValue: "hotline.skipRoutingRules")!
}
