import Foundation
import HotlineDomain
import Postgres

/// The columns the what-if replay reads of a ticket, and their decoding: instants come as epoch
/// seconds and everything else as plain text, so a batch of 20,000 decodes without a date parser
/// or a JSON decoder (only a household ticket's stored colour is taken out of its routing).
enum ReplayRow {
    static let columns = """
        number, extract(epoch FROM created_at)::float8 AS created, status, requested_category, category, description,
        address, lat, lon, requested_grid, requested_urgency, major, household,
        CASE WHEN household IS NOT NULL THEN routing::jsonb #>> '{household,colour}' END AS household_colour,
        grid, handler, lead_department, urgency, extract(epoch FROM respond_by)::float8 AS respond_by,
        extract(epoch FROM resolve_by)::float8 AS resolve_by, jurisdiction_version, return_count,
        assigned_at IS NOT NULL AS dispatched, extract(epoch FROM responded_at)::float8 AS responded_at,
        (resolved_at IS NOT NULL OR (status = 'closed' AND rating IS NOT NULL)) AS resolved,
        extract(epoch FROM resolved_at)::float8 AS resolved_at, extract(epoch FROM closed_at)::float8 AS closed_at, rating
        """

    /// The replay ticket of a row; nil for a ticket answered on the call (never routed).
    static func ticket(_ row: PostgresRow) -> ReplayTicket? {
        guard let number = row["number"], let created = self.date(row["created"]), let status = row["status"], status != "answered" else {
            return nil
        }
        let coordinate = row["lat"].flatMap(Double.init).flatMap { lat in row["lon"].flatMap(Double.init).map { Coordinate(lat: lat, lon: $0) } }
        let household = row["household"].map { code in
            HouseholdTag(
                code: code, colour: row["household_colour"].flatMap(HouseholdColour.init(rawValue:)) ?? .green, reason: "",
                matchedBy: "stored"
            )
        }
        let request = RoutingRequest(
            category: row["requested_category"], description: row["description"] ?? "", address: row["address"],
            coordinate: coordinate, gridCode: row["requested_grid"], urgency: row["requested_urgency"].flatMap(Urgency.init(rawValue:)),
            major: row["major"].flatMap(MajorMatter.init(rawValue:)), household: household
        )
        let stored = ReplayTicket.Stored(
            category: row["category"], grid: row["grid"], handler: row["handler"].flatMap(HandlerKind.init(rawValue:)),
            leadDepartment: row["lead_department"], urgency: row["urgency"].flatMap(Urgency.init(rawValue:)),
            respondBy: self.date(row["respond_by"]), resolveBy: self.date(row["resolve_by"]),
            jurisdictionVersion: row["jurisdiction_version"].flatMap { Int($0) }, returnCount: row["return_count"].flatMap { Int($0) } ?? 0
        )
        return ReplayTicket(
            number: number, createdAt: created, request: request, status: status, dispatched: row["dispatched"] == "t",
            respondedAt: self.date(row["responded_at"]), resolved: row["resolved"] == "t", resolvedAt: self.date(row["resolved_at"]),
            closedAt: self.date(row["closed_at"]), rating: row["rating"].flatMap { Int($0) }, stored: stored
        )
    }

    private static func date(_ text: String?) -> Date? {
        text.flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
    }
}
