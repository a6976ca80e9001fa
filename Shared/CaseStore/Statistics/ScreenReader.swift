import Foundation

/// The big screen's aggregates, read in one read-only transaction (on a replica when configured).
public protocol ScreenReader: Sendable {
    /// The screen's figures: `today` is the local day's `[from, to)`; a cluster is `clusterSize`
    /// open tickets of one category in one grid within 24 hours.
    func screen(today: DateInterval, clusterSize: Int) async throws -> ScreenFigures
}
