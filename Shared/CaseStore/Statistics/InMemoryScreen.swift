import Foundation
import Synchronization

/// ``ScreenReader`` in memory, for router tests: answers the figures a test sets (the SQL is
/// checked by `CaseStoreTests`) and records the days and cluster sizes asked.
public final class InMemoryScreen: ScreenReader {
    private let state = Mutex((figures: ScreenFigures(), asked: [(today: DateInterval, clusterSize: Int)]()))

    /// Nothing on the screen.
    public init() {}

    /// Answers `figures` from now on.
    public func set(_ figures: ScreenFigures) {
        self.state.withLock { $0.figures = figures }
    }

    /// The days and cluster sizes asked so far, oldest first.
    public var asked: [(today: DateInterval, clusterSize: Int)] {
        self.state.withLock { $0.asked }
    }

    public func screen(today: DateInterval, clusterSize: Int) async throws -> ScreenFigures {
        self.state.withLock { state in
            state.asked.append((today, clusterSize))
            return state.figures
        }
    }
}
