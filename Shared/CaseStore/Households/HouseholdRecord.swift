import Foundation
import HotlineDomain
import Postgres

/// A household as stored: its file, its colour and why, and when it last changed.
public struct HouseholdRecord: Sendable {
    /// An operator's colour decision that outranks the rules until cleared.
    public struct Override: Codable, Sendable, Hashable {
        public var colour: HouseholdColour
        public var reason: String
        public var by: String
        public var at: Date
    }

    public var household: Household
    /// The colour that acts: the override's, else the rules'.
    public var colour: HouseholdColour
    public var ruleColour: HouseholdColour
    public var colourReason: String
    public var override: Override?
    public var createdAt: Date
    public var updatedAt: Date

    static let columns = """
        code, address, grid, lat, lon, kind, checkin, watcher::text AS watcher, members::text AS members, colour,
        rule_colour, colour_reason, override_colour, override_reason, override_by, override_at, created_at, updated_at
        """

    init(row: PostgresRow) throws {
        let decoder = HotlineJSON.decoder()
        let lat = try row.decode("lat", as: Double?.self)
        let lon = try row.decode("lon", as: Double?.self)
        self.household = Household(
            code: try row.decode("code", as: String.self), address: try row.decode("address", as: String.self),
            grid: try row.decode("grid", as: String.self),
            coordinate: lat.flatMap { lat in lon.map { Coordinate(lat: lat, lon: $0) } },
            kind: try Self.value(row, "kind"), checkin: try row.decode("checkin", as: Bool.self),
            watcher: try row.decode("watcher", as: String?.self).map { try decoder.decode(Contact.self, from: Data($0.utf8)) },
            members: try decoder.decode([Household.Member].self, from: Data(try row.decode("members", as: String.self).utf8))
        )
        self.colour = try Self.value(row, "colour")
        self.ruleColour = try Self.value(row, "rule_colour")
        self.colourReason = try row.decode("colour_reason", as: String.self)
        if let colour = try row.decode("override_colour", as: String?.self).flatMap(HouseholdColour.init(rawValue:)) {
            self.override = Override(
                colour: colour, reason: try row.decode("override_reason", as: String?.self) ?? "",
                by: try row.decode("override_by", as: String?.self) ?? "", at: try row.decode("override_at", as: Date?.self) ?? Date()
            )
        }
        self.createdAt = try row.decode("created_at", as: Date.self)
        self.updatedAt = try row.decode("updated_at", as: Date.self)
    }

    /// The tag a ticket from this household carries.
    public func tag(matchedBy: String) -> HouseholdTag {
        let reason = self.override.map { "\($0.colour.rawValue): set by \($0.by) (\($0.reason))" } ?? self.colourReason
        return HouseholdTag(code: self.household.code, colour: self.colour, reason: reason, matchedBy: matchedBy)
    }

    private static func value<T: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> T where T.RawValue == String {
        let raw = try row.decode(column, as: String.self)
        guard let value = T(rawValue: raw) else { throw CaseError.corrupt("households.\(column) '\(raw)'") }
        return value
    }
}
