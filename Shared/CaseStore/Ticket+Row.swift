import Foundation
import HotlineDomain
import Postgres

extension Ticket {
    /// The columns `Ticket(row:)` reads, for SELECT lists.
    static let columns = """
        id::text AS id, number, status, version, channel, caller_name, caller_phone, description, category,
        address, lat, lon, requested_grid, urgency, requested_urgency, major, external_id, created_at, updated_at,
        routing, respond_by, resolve_by, rating, rated_at, resolved_at, closed_at, reopen_count, return_count,
        duplicate_of::text AS duplicate_of, duplicate_count, follow_up, level, trace_id,
        extension::text AS extension, pause::text AS pause, paused_at, rating_reason, rating_source, rating_category,
        volunteer, verified_rating, verified_note, verified_by, verified_at
        """

    /// Decodes a row selected with `Ticket.columns`.
    init(row: PostgresRow) throws {
        try self.init(row: row, routingRules: true)
    }

    /// Decodes a row selected with `Ticket.columns`; without `routingRules`, `routing.rules` is
    /// left out (nil).
    init(row: PostgresRow, routingRules: Bool) throws {
        self.id = try row.decode("id", as: String.self)
        self.number = try row.decode("number", as: String.self)
        self.status = try Self.enumValue(row, "status", TicketStatus.self)
        self.version = try row.decode("version", as: Int.self)
        self.channel = try Self.enumValue(row, "channel", Channel.self)
        self.caller = Caller(
            name: try row.decode("caller_name", as: String?.self), phone: try row.decode("caller_phone", as: String?.self)
        )
        self.description = try row.decode("description", as: String.self)
        self.category = try row.decode("category", as: String?.self)
        self.location = Location(
            address: try row.decode("address", as: String?.self), lat: try row.decode("lat", as: Double?.self),
            lon: try row.decode("lon", as: Double?.self), grid: try row.decode("requested_grid", as: String?.self)
        )
        let urgency = try row.decode("urgency", as: String?.self) ?? row.decode("requested_urgency", as: String?.self)
        self.urgency = urgency.flatMap(Urgency.init(rawValue:))
        self.major = try row.decode("major", as: String?.self).flatMap(MajorMatter.init(rawValue:))
        self.externalId = try row.decode("external_id", as: String?.self)
        self.createdAt = try row.decode("created_at", as: Date.self)
        self.updatedAt = try row.decode("updated_at", as: Date.self)
        if let text = try row.decode("routing", as: String?.self) {
            let decoder = HotlineJSON.decoder()
            if !routingRules { decoder.userInfo[.skipRoutingRules] = true }
            var routing = try decoder.decode(Routing.self, from: Data(text.utf8))
            routing.level = try Self.enumValue(row, "level", ResponsibilityLevel.self)
            self.routing = routing
        } else {
            self.routing = nil
        }
        self.deadlines = Deadlines(
            respondBy: try row.decode("respond_by", as: Date?.self), resolveBy: try row.decode("resolve_by", as: Date?.self)
        )
        self.rating = try row.decode("rating", as: Int?.self)
        self.ratedAt = try row.decode("rated_at", as: Date?.self)
        self.ratingReason = try row.decode("rating_reason", as: String?.self)
        self.ratingSource = try row.decode("rating_source", as: String?.self)
        self.ratingCategory = try row.decode("rating_category", as: String?.self).flatMap(RatingReasonCategory.init(rawValue:))
        self.verifiedRating = try row.decode("verified_rating", as: Int?.self).map { score in
            VerifiedRating(
                score: score, note: try row.decode("verified_note", as: String?.self), by: try row.decode("verified_by", as: String?.self),
                at: try row.decode("verified_at", as: Date?.self)
            )
        }
        self.resolvedAt = try row.decode("resolved_at", as: Date?.self)
        self.closedAt = try row.decode("closed_at", as: Date?.self)
        self.reopenCount = try row.decode("reopen_count", as: Int.self)
        self.returnCount = try row.decode("return_count", as: Int.self)
        self.duplicateOf = try row.decode("duplicate_of", as: String?.self)
        self.duplicateCount = try row.decode("duplicate_count", as: Int.self)
        self.followUp = try row.decode("follow_up", as: Bool.self)
        self.traceId = try row.decode("trace_id", as: String?.self)
        self.extensionRequest = try row.decode("extension", as: String?.self).flatMap { try? HotlineJSON.decoder().decode(Supervision.self, from: Data($0.utf8)) }
        self.pause = try row.decode("pause", as: String?.self).flatMap { try? HotlineJSON.decoder().decode(Supervision.self, from: Data($0.utf8)) }
        self.pausedAt = try row.decode("paused_at", as: Date?.self)
        self.volunteer = try row.decode("volunteer", as: String?.self)
        self.history = nil
    }

    private static func enumValue<T: RawRepresentable>(_ row: PostgresRow, _ column: String, _: T.Type) throws -> T
    where T.RawValue == String {
        let raw = try row.decode(column, as: String.self)
        guard let value = T(rawValue: raw) else { throw CaseError.corrupt("\(column) '\(raw)'") }
        return value
    }
}

extension Ticket.Routing {
    /// The routing of a decision, as stored on the ticket.
    init(_ decision: RoutingDecision) {
        self.grid = decision.grid?.code
        self.gridName = decision.grid?.name
        self.community = decision.grid?.community.code
        self.communityName = decision.grid?.community.name
        self.street = decision.grid?.street.code
        self.streetName = decision.grid?.street.name
        self.district = decision.grid?.district.code
        self.districtName = decision.grid?.district.name
        self.handler = decision.handler
        self.departments = decision.departments
        self.level = decision.level
        self.reasons = decision.reasons
        self.rules = decision.rules
        self.household = decision.household
    }
}
