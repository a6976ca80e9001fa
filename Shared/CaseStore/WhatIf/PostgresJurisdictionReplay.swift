import Foundation
import HotlineDomain
import Postgres

/// ``JurisdictionReplay`` on PostgreSQL: the replay streams the period's tickets through a
/// cursor on one connection of `pool` (``JurisdictionWhatIf``).
public struct PostgresJurisdictionReplay: JurisdictionReplay {
    let pool: PostgresPool
    let timeZone: TimeZone

    /// Replays on `pool`'s database, in the business time zone.
    public init(pool: PostgresPool, timeZone: TimeZone) {
        self.pool = pool
        self.timeZone = timeZone
    }

    public func whatIf(proposed: Jurisdiction, since: ISODuration, sampleLimit: Int) async throws -> (report: WhatIfReport, grids: [Grid]) {
        var configured = JurisdictionWhatIf(timeZone: self.timeZone)
        configured.sampleLimit = sampleLimit
        let runner = configured
        return try await self.pool.withConnection { try runner.run(proposed: proposed, since: since, on: $0) }
    }

    public func versions() async throws -> [JurisdictionStore.Version] {
        try await self.pool.transaction { try JurisdictionStore.versions(on: $0) }
    }
}
