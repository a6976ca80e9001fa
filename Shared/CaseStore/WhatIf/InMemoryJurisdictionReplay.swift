import Foundation
import HotlineDomain

/// ``JurisdictionReplay`` in memory, for router tests: the current jurisdiction (nil before an
/// import) as its only version, and `tickets` replayed by the pure ``WhatIfReplay`` as the
/// PostgreSQL one replays the stored rows (households' colour changes left out).
public struct InMemoryJurisdictionReplay: JurisdictionReplay {
    let current: JurisdictionSnapshot?
    let tickets: [ReplayTicket]
    let timeZone: TimeZone

    /// Replays `tickets` against `current`.
    public init(current: JurisdictionSnapshot?, tickets: [ReplayTicket] = [], timeZone: TimeZone) {
        self.current = current
        self.tickets = tickets
        self.timeZone = timeZone
    }

    public func whatIf(proposed: Jurisdiction, since: ISODuration, sampleLimit: Int) async throws -> (report: WhatIfReport, grids: [Grid]) {
        guard let current = self.current else { throw JurisdictionMissing() }
        let now = Date()
        let replay = WhatIfReplay(
            current: current.router, proposed: Router(jurisdiction: proposed, timeZone: self.timeZone), currentVersion: current.revision,
            now: now, sampleLimit: sampleLimit
        )
        let from = now.addingTimeInterval(-since.seconds)
        let tally = replay.replay(self.tickets.filter { $0.createdAt >= from })
        let kept = Set(proposed.grids.map(\.code))
        let grids = proposed.grids + current.jurisdiction.grids.filter { !kept.contains($0.code) }
        return (WhatIfReport(tally: tally, replay: replay, since: since.text, from: from, to: now, seconds: 0), grids)
    }

    public func versions() async throws -> [JurisdictionStore.Version] {
        guard let current = self.current else { return [] }
        return [
            JurisdictionStore.Version(
                version: current.revision, importedAt: Date(timeIntervalSince1970: 0), importedBy: "test",
                grids: current.jurisdiction.grids.count, categories: current.jurisdiction.catalog.categories.count, current: true
            )
        ]
    }
}
