import CaseStore
import Charts
import Foundation
import HotlineDomain

/// The figures of a daily or monthly report (日报, 月报), made from the aggregates of the tickets
/// created in `[from, to)` (``ReportCounts``); the HTML and CSV renderings print the same figures.
struct ReportFigures: Sendable {
    /// `daily` or `monthly`.
    var kind: String
    /// The day (`2026-11-28`) or month (`2026-11`) as asked.
    var period: String
    var from: Date
    var to: Date
    /// Totals: received, dispatched, respondedOnTime, resolved, resolvedOnTime, rated, satisfied.
    var totals: RankingFigures
    /// Received and resolved per hour (daily) or per day (monthly), with the bucket's label.
    var volume: [(label: String, received: Int, resolved: Int)]
    /// The ranking of the streets over the period.
    var streets: [RankingTable.Row]
    /// The ranking of the departments over the period.
    var departments: [RankingTable.Row]
    /// The most frequent categories (code, name, count).
    var categories: [(code: String, name: String, count: Int)]
    /// The grids with most tickets (code, name, count).
    var grids: [(code: String, name: String, count: Int)]
    /// Every grid of the jurisdiction with its polygons and count, for the hot-grid map.
    var gridMap: [GridMap.Region]
    /// Tickets past resolve-by per level (community, street, district).
    var overdue: [(level: String, count: Int)]
    /// Dissatisfied ratings per reason category.
    var reasons: [(category: RatingReasonCategory, count: Int)]
    /// The sealed daily roots of the history in the period.
    var roots: [(day: String, events: Int, root: String)]

    /// The figures of `counts` (read by ``StatisticsReader/reportCounts(hourly:from:to:zone:)``),
    /// named from `snapshot`; with the rankings' counts of this period and the previous one.
    static func make(
        kind: String, period: String, from: Date, to: Date, snapshot: JurisdictionSnapshot?, counts read: ReportCounts
    ) -> (figures: ReportFigures, counts: (current: [String: [RankingFigures]], previous: [String: [RankingFigures]])) {
        let groups = read.groups.mapValues { cells in cells.map { ($0.key, $0.figures, $0.resolvedAt) } }
        func figures(_ set: String) -> [RankingFigures] { (groups[set] ?? []).map(\.1).sorted { $0.code < $1.code } }
        var current: [String: [RankingFigures]] = [:]
        var previous: [String: [RankingFigures]] = [:]
        current["street"] = figures("street").map { f in
            var f = f
            f.name = RankingsController.name(of: f.code, "street", snapshot)
            return f
        }
        // A department's returns are its own (returned_by), whoever leads the ticket now.
        let returnsBy = read.departmentReturns
        current["department"] = figures("department").map { f in
            var f = f
            f.name = RankingsController.name(of: f.code, "department", snapshot)
            f.returns = returnsBy[f.code] ?? 0
            return f
        }
        for groupBy in ["street", "department"] { previous[groupBy] = read.previous[groupBy] ?? [] }
        var totals = figures("total").first ?? RankingFigures(code: "total")
        totals.code = "total"
        totals.name = "合计"
        var byBucket: [Int: (Int, Int)] = [:]
        for (key, f, resolvedAt) in groups["bucket"] ?? [] {
            if let bucket = Int(key) { byBucket[bucket] = (f.received, resolvedAt) }
        }
        let range = kind == "daily" ? Array(0..<24) : Array(1...max(1, Int((to.timeIntervalSince(from) / 86_400).rounded())))
        let volume = range.map { bucket in
            (label: kind == "daily" ? "\(bucket)时" : "\(bucket)日", received: byBucket[bucket]?.0 ?? 0, resolved: byBucket[bucket]?.1 ?? 0)
        }
        func top(_ set: String) -> [(String, Int)] {
            (groups[set] ?? []).map { ($0.0, $0.1.received) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(10).map { $0 }
        }
        let categories = top("category").map { code, n in
            (code: code, name: snapshot?.jurisdiction.catalog.category(code: code)?.name ?? code, count: n)
        }
        let grids = top("grid").map { code, n in (code: code, name: snapshot?.grids.grid(code: code)?.name ?? code, count: n) }
        let gridCounts = Dictionary((groups["grid"] ?? []).map { ($0.0, $0.1.received) }, uniquingKeysWith: +)
        let gridMap = (snapshot?.jurisdiction.grids ?? []).map { grid in
            GridMap.Region(
                label: grid.name,
                rings: grid.geometry.polygons.flatMap { [$0.outer] + $0.holes }.map { ring in ring.map { (lon: $0.lon, lat: $0.lat) } },
                value: Double(gridCounts[grid.code] ?? 0)
            )
        }
        let overdueBy = Dictionary((groups["overdue"] ?? []).map { ($0.0, $0.1.received) }, uniquingKeysWith: +)
        let overdue = ["community", "street", "district"].map { (level: $0, count: overdueBy[$0] ?? 0) }
        var reasonBy: [RatingReasonCategory: Int] = [:]
        for (key, f, _) in groups["reason"] ?? [] {
            reasonBy[RatingReasonCategory(rawValue: key) ?? .other, default: 0] += f.received
        }
        let reasons = RatingReasonCategory.allCases.map { (category: $0, count: reasonBy[$0] ?? 0) }
        let roots = read.roots.map { (day: $0.day, events: $0.events, root: $0.root) }
        let figures = ReportFigures(
            kind: kind, period: period, from: from, to: to, totals: totals, volume: volume, streets: [], departments: [],
            categories: categories, grids: grids, gridMap: gridMap, overdue: overdue, reasons: reasons, roots: roots
        )
        return (figures, (current, previous))
    }
}
