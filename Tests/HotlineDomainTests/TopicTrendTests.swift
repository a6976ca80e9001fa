import HotlineDomain
import Testing

/// The monthly topics' trend against the earlier months' mean.
@Suite struct TopicTrendTests {
    @Test func nothingBeforeIsNew() {
        #expect(TopicTrend.of(count: 5, previous: [0, 0, 0]) == .new)
        #expect(TopicTrend.of(count: 1, previous: []) == .new)
    }

    @Test func aQuarterAboveTheMeanIsRising() {
        // Mean 5: 7 is 40% above and 2 more; 6 is only 20% above.
        #expect(TopicTrend.of(count: 7, previous: [4, 6, 5]) == .rising)
        #expect(TopicTrend.of(count: 6, previous: [4, 6, 5]) == .steady)
        #expect(TopicTrend.of(count: 12, previous: [4, 6, 5]) == .rising)
    }

    @Test func smallCountsNeedTwoMoreToRise() {
        // Mean 1: 2 is double but only one more.
        #expect(TopicTrend.of(count: 2, previous: [1, 1, 1]) == .steady)
        #expect(TopicTrend.of(count: 3, previous: [1, 1, 1]) == .rising)
    }

    @Test func aQuarterBelowTheMeanIsFalling() {
        #expect(TopicTrend.of(count: 3, previous: [4, 4, 4]) == .falling)
        #expect(TopicTrend.of(count: 4, previous: [4, 6, 5]) == .steady)
        #expect(TopicTrend.of(count: 0, previous: [0, 3, 0]) == .falling)
    }

    @Test func statusesSayWhetherTheScreenTracksThem() {
        #expect(TopicStatus.allCases.filter(\.isActive) == [.open, .inProgress])
        #expect(TopicStatus(rawValue: "in_progress") == .inProgress)
    }
}
