import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// `GET /v1/screen`: everything the big screen draws besides the counters, in one snapshot that
/// the page reloads at start and after every reconnect of its live stream (so it never drifts).
///
/// The counters themselves come from `GET /v1/stats` for the two periods named here (today and
/// yesterday, in the business calendar's time zone), so the screen and the statistics agree.
/// A `screen` key may read it: counts, places and category names only, no free text.
struct ScreenController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where the figures are read (a replica when configured).
    let screen: any ScreenReader
    let timeZone: TimeZone
    /// Open tickets of one category in one grid within 24 hours from which a cluster is shown.
    let clusterSize: Int

    private struct Period: Encodable {
        var from: Date
        var to: Date
    }

    private typealias Top = ScreenFigures.Top

    private struct Snapshot: Encodable {
        var at: Date
        var today: Period
        var yesterday: Period
        var grids: [ScreenFigures.GridLoad]
        var alerts: [ScreenFigures.Alert]
        var topCategories: [Top]
        var topStreets: [Top]
        var overdueByLevel: [String: Int]
        var latest: [LiveEvent]
        /// Every category's name, so a `screen` key needs no other route to label what it shows.
        var categories: [Top]
        /// The service menu today: orders, taken within the hour, satisfaction, top volunteers.
        var volunteers: ScreenFigures.VolunteerBoard
        /// The newest sealed daily root of the history chain (issue 18 point 7), or nil.
        var historyRoot: SealedRoot?
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/screen") { request, _ in try await self.snapshot(request) }
    }

    private func snapshot(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin, .screen])
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let midnight = calendar.startOfDay(for: now)
        let today = Period(from: midnight, to: calendar.date(byAdding: .day, value: 1, to: midnight)!)
        let yesterday = Period(from: calendar.date(byAdding: .day, value: -1, to: midnight)!, to: midnight)
        let figures = try await self.screen.screen(today: DateInterval(start: today.from, end: today.to), clusterSize: self.clusterSize)
        let latest = figures.latest.map { envelope in
            // A wall display shows no free text: a reason or note may name someone.
            var event = LiveEvent(envelope)
            event.detail = nil
            return event
        }
        let snapshot = try? await self.jurisdiction.snapshot()
        let streetNames = Dictionary(
            (snapshot?.jurisdiction.grids ?? []).map { ($0.street.code, $0.street.name) }, uniquingKeysWith: { a, _ in a }
        )
        return try JSONResponse.make(
            Snapshot(
                at: now, today: today, yesterday: yesterday, grids: figures.grids, alerts: figures.alerts,
                topCategories: figures.topCategories.map { Top(code: $0.code, name: snapshot?.category($0.code)?.name, count: $0.count) },
                topStreets: figures.topStreets.map { Top(code: $0.code, name: streetNames[$0.code], count: $0.count) },
                overdueByLevel: figures.overdueByLevel, latest: latest,
                categories: (snapshot?.jurisdiction.catalog.categories ?? []).map { Top(code: $0.code, name: $0.name, count: 0) },
                volunteers: figures.volunteers,
                historyRoot: figures.historyRoot
            ),
            headers: [.cacheControl: "no-store"]
        )
    }
}
