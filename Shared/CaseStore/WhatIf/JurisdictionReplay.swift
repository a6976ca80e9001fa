import Foundation
import HotlineDomain

/// The jurisdiction's imported versions, and what-if replays of a proposed one against them.
public protocol JurisdictionReplay: Sendable {
    /// Replays the tickets created in the last `since` through the current jurisdiction and
    /// `proposed`, changing nothing; with the grids of both maps for drawing the difference.
    /// Throws ``JurisdictionMissing`` before the first import.
    func whatIf(proposed: Jurisdiction, since: ISODuration, sampleLimit: Int) async throws -> (report: WhatIfReport, grids: [Grid])
    /// Every imported version, newest first.
    func versions() async throws -> [JurisdictionStore.Version]
}
