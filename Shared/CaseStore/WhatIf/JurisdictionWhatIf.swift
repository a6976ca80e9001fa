import Foundation
import HotlineDomain
import Postgres
import Synchronization

/// Runs a what-if replay of a proposed jurisdiction against the stored tickets of a period,
/// changing nothing: the tickets are streamed through a server-side cursor in batches
/// (`batchSize` rows a fetch, in one read-only transaction, no per-ticket query) and each batch is
/// replayed by the pure ``WhatIfReplay`` on `threads` threads.
public struct JurisdictionWhatIf: Sendable {
    /// The business calendar's time zone.
    public var timeZone: TimeZone
    /// Rows per `FETCH`.
    public var batchSize = 20_000
    /// Threads the router runs on per batch.
    public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Ticket numbers kept per list of the report.
    public var sampleLimit = 100

    /// A runner in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Replays the tickets created in the last `since` through the stored (current) jurisdiction
    /// and `proposed`, and reports the difference, with the grids of both maps (the proposed ones,
    /// then the current ones it drops) for drawing it.
    ///
    /// Throws ``JurisdictionMissing`` before the first import.
    public func run(
        proposed: Jurisdiction, since: ISODuration, now: Date = Date(), on connection: PostgresConnection
    ) throws -> (report: WhatIfReport, grids: [Grid]) {
        let started = Date()
        guard let current = try JurisdictionStore.load(on: connection, timeZone: self.timeZone) else { throw JurisdictionMissing() }
        let households = try self.householdChanges(rules: proposed.catalog.householdRules, now: now, on: connection)
        let replay = WhatIfReplay(
            current: current.router, proposed: Router(jurisdiction: proposed, timeZone: self.timeZone),
            currentVersion: current.revision, proposedColours: Dictionary(households.map { ($0.code, $0.colour) }, uniquingKeysWith: { a, _ in a }),
            now: now, sampleLimit: self.sampleLimit
        )
        let from = now.addingTimeInterval(-since.seconds)
        var tally = WhatIfTally(sampleLimit: self.sampleLimit)
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            // The period's start is formatted here from a Date, never taken from the request as text.
            // Newest first (the `tickets_created` index's order): the report's sample of ticket
            // numbers is the most recent calls, the ones the people reading it remember.
            try connection.execute(
                "DECLARE whatif NO SCROLL CURSOR FOR SELECT \(ReplayRow.columns) FROM tickets WHERE created_at >= '\(HotlineJSON.format(from))'::timestamptz AND created_at < '\(HotlineJSON.format(now))'::timestamptz ORDER BY created_at DESC, id DESC"
            )
            // The next batch is fetched while this one is replayed: the database and the router
            // work at the same time.
            let fetch = "FETCH FORWARD \(self.batchSize) FROM whatif"
            let prefetch = BatchPrefetch { try connection.query(fetch) }
            defer { prefetch.stop() }
            while let rows = try prefetch.next() {
                tally.merge(self.replay(rows, with: replay))
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        let kept = Set(proposed.grids.map(\.code))
        let grids = proposed.grids + current.jurisdiction.grids.filter { !kept.contains($0.code) }
        let report = WhatIfReport(
            tally: tally, replay: replay, since: since.text, from: from, to: now,
            householdChanges: households.map { WhatIfReport.HouseholdChange(code: $0.code, grid: $0.grid, from: $0.from.rawValue, to: $0.colour.rawValue) },
            seconds: Date().timeIntervalSince(started)
        )
        return (report, grids)
    }

    /// One batch of rows decoded and replayed on `threads` threads, each taking a slice.
    func replay(_ rows: PostgresRows, with replay: WhatIfReplay) -> WhatIfTally {
        let parts = max(1, min(self.threads, rows.count / 256))
        let size = (rows.count + parts - 1) / parts
        let results = Mutex<[Int: WhatIfTally]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let tickets = rows[(part * size)..<min(rows.count, (part + 1) * size)].compactMap(ReplayRow.ticket)
            let tally = replay.replay(tickets)
            results.withLock { $0[part] = tally }
        }
        // Merged in the rows' order, not the threads' finishing order: the sample of ticket
        // numbers is then the newest, the same on every run.
        var tally = WhatIfTally(sampleLimit: self.sampleLimit)
        for (_, part) in results.withLock({ $0 }).sorted(by: { $0.key < $1.key }) { tally.merge(part) }
        return tally
    }

    /// Households whose acting colour the proposed rules change (an operator's override keeps acting).
    func householdChanges(
        rules: HouseholdRules, now: Date, on connection: PostgresConnection
    ) throws -> [(code: String, grid: String, from: HouseholdColour, colour: HouseholdColour)] {
        let year = HouseholdStore(timeZone: self.timeZone).year(now)
        return try connection.query("SELECT \(HouseholdRecord.columns) FROM households ORDER BY code").compactMap { row in
            let record = try HouseholdRecord(row: row)
            let colour = record.override?.colour ?? rules.assess(record.household, in: year).colour
            guard colour != record.colour else { return nil }
            return (record.household.code, record.household.grid, record.colour, colour)
        }
    }
}
