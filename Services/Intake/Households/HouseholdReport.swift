import CaseStore
import Foundation
import HotlineDomain

/// The households registry's figures per grid, community or street, for
/// `GET /v1/stats/households` and the `households` part of `GET /v1/stats`.
enum HouseholdReport {
    /// One group's household figures.
    struct Group: Encodable {
        var key: String
        var name: String?
        var figures: HouseholdFigures

        func encode(to encoder: any Encoder) throws {
            try self.figures.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.key, forKey: .key)
            try c.encode(self.name, forKey: .name)
        }

        enum CodingKeys: String, CodingKey { case key, name }
    }

    struct Report: Encodable {
        var groupBy: String
        var from: Date
        var to: Date
        var coverageDays: Int
        var groups: [Group]
        var total: HouseholdFigures
    }

    /// Household figures grouped by grid, community or street (of `grids` only, if given).
    static func make(
        groupBy: String, from: Date, to: Date, coverageDays: Int, grids: [String]?, snapshot: JurisdictionSnapshot,
        year: Int, statistics: any StatisticsReader
    ) async throws -> Report {
        let perGrid = try await statistics.householdFigures(from: from, to: to, coverageDays: coverageDays, year: year)
        var groups: [String: Group] = [:]
        for (code, figures) in perGrid where grids?.contains(code) ?? true {
            let grid = snapshot.grids.grid(code: code)
            let (key, name): (String, String?) =
                switch groupBy {
                case "grid": (code, grid?.name)
                case "community": (grid?.community.code ?? "", grid?.community.name)
                default: (grid?.street.code ?? "", grid?.street.name)
                }
            groups[key] = Group(key: key, name: name, figures: (groups[key]?.figures ?? HouseholdFigures()) + figures)
        }
        let sorted = groups.values.sorted { $0.key < $1.key }
        return Report(
            groupBy: groupBy, from: from, to: to, coverageDays: coverageDays, groups: sorted,
            total: sorted.reduce(HouseholdFigures()) { $0 + $1.figures }
        )
    }
}
