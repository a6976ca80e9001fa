import Foundation
import Testing
@testable import HotlineDomain

/// The rankings' arithmetic on a fixture month, every figure computed by hand in the comments.
@Suite struct RankingTableTests {
    static let now = Fixtures.instant("2026-03-31T23:00:00+08:00")
    static func day(_ d: Int, _ hour: Int = 9) -> Date {
        Fixtures.instant(String(format: "2026-03-%02dT%02d:00:00+08:00", d, hour))
    }

    /// Street A: four tickets (one never dispatched, one with an approved extension, one paused).
    static func streetA() -> RankingFigures {
        var a = RankingFigures(code: "A", name: "甲街道")
        // On time all the way, satisfied.
        a.add(.init(assignedAt: day(2), respondedAt: day(2, 10), respondBy: day(3), resolvedAt: day(5), resolveBy: day(7), closed: true, rating: 1), now: now)
        // Responded late; resolved on day 9, after its first deadline (day 7) but within the
        // approved extension to day 10 (the stored resolveBy): on time. Dissatisfied.
        a.add(.init(assignedAt: day(2), respondedAt: day(4), respondBy: day(3), resolvedAt: day(9), resolveBy: day(10), rating: 3), now: now)
        // Paused two hours before its deadline (31st 20:00) and still paused: never late.
        a.add(.init(assignedAt: day(20), respondedAt: day(20, 11), respondBy: day(21), resolveBy: day(31, 20), pausedAt: day(31, 18)), now: now)
        // Never dispatched.
        a.add(.init(assignedAt: nil), now: now)
        return a
    }

    @Test func streetAByHand() {
        let a = Self.streetA()
        // received 4, dispatched 3, responded on time 2 (1st, 3rd), resolved 2, on time 2, rated 2, satisfied 1.
        let counts: [Int] = [a.received, a.dispatched, a.respondedOnTime, a.resolved, a.resolvedOnTime, a.rated, a.satisfied]
        #expect(counts == [4, 3, 2, 2, 2, 2, 1])
        #expect(a.responseRate == 0.6667)
        #expect(a.resolutionRate == 0.6667)
        #expect(a.satisfactionRate == 0.5)
        // 100 × (0.2 × 0.6667 + 0.4 × 0.6667 + 0.4 × 0.5) = 60.002 -> 60.0
        #expect(RankingTable.score(a, weights: EvaluationWeights()) == 60.0)
    }

    @Test func withoutTheExtensionTheSecondTicketIsLate() {
        var a = RankingFigures(code: "A")
        a.add(.init(assignedAt: Self.day(2), resolvedAt: Self.day(9), resolveBy: Self.day(7)), now: Self.now)
        a.add(.init(assignedAt: Self.day(2), resolvedAt: Self.day(9), resolveBy: Self.day(10)), now: Self.now)
        #expect(a.resolvedOnTime == 1)
    }

    @Test func aPausedClockCountsThePausedTime() {
        // Respond-by 10:00; paused at 09:00 and still paused at 12:00; responded 11:30:
        // the effective respond-by is 13:00, so on time. Without the pause, late.
        let respondBy = Self.day(10, 10)
        var paused = RankingFigures(code: "P")
        paused.add(.init(assignedAt: Self.day(10, 8), respondedAt: Self.day(10, 11).addingTimeInterval(1800), respondBy: respondBy, pausedAt: Self.day(10, 9)), now: Self.day(10, 12))
        #expect(paused.respondedOnTime == 1)
        var running = RankingFigures(code: "R")
        running.add(.init(assignedAt: Self.day(10, 8), respondedAt: Self.day(10, 11).addingTimeInterval(1800), respondBy: respondBy), now: Self.day(10, 12))
        #expect(running.respondedOnTime == 0)
    }

    @Test func theFixtureMonthRanked() {
        var b = RankingFigures(code: "B", name: "乙街道")
        b.add(.init(assignedAt: Self.day(3), respondedAt: Self.day(3, 10), respondBy: Self.day(4), resolvedAt: Self.day(4), resolveBy: Self.day(8), closed: true, rating: 1), now: Self.now)
        b.add(.init(assignedAt: Self.day(3), respondedAt: Self.day(3, 10), respondBy: Self.day(4), resolvedAt: Self.day(4), resolveBy: Self.day(8), closed: true, rating: 2), now: Self.now)
        var c = RankingFigures(code: "C", name: "丙街道")
        // Dispatched, never responded nor resolved, nobody rated: scored on two rates, both 0.
        c.add(.init(assignedAt: Self.day(12), respondBy: Self.day(13), resolveBy: Self.day(19)), now: Self.now)
        var d = RankingFigures(code: "D", name: "丁街道")
        d.add(.init(assignedAt: nil), now: Self.now)

        // The month before: A 80 points, B 70: A was first.
        var previousA = RankingFigures(code: "A")
        previousA.resolved = 8
        previousA.dispatched = 10
        previousA.respondedOnTime = 10
        previousA.rated = 10
        previousA.satisfied = 7
        // 100 × (0.2 × 1 + 0.4 × 0.8 + 0.4 × 0.7) = 80
        var previousB = previousA
        previousB.code = "B"
        previousB.resolved = 5
        previousB.satisfied = 7
        // 100 × (0.2 + 0.4 × 0.5 + 0.4 × 0.7) = 68
        #expect(RankingTable.score(previousA, weights: EvaluationWeights()) == 80)
        #expect(RankingTable.score(previousB, weights: EvaluationWeights()) == 68)

        let rows = RankingTable.make(current: [Self.streetA(), b, c, d], previous: [previousA, previousB], weights: EvaluationWeights())
        #expect(rows.map(\.code) == ["B", "A", "C", "D"])
        let scores: [Double?] = rows.map(\.score)
        let ranks: [Int?] = rows.map(\.rank)
        let previousRanks: [Int?] = rows.map(\.previousRank)
        #expect(scores == [100, 60, 0, nil])
        #expect(ranks == [1, 2, 3, nil])
        #expect(previousRanks == [2, 1, nil, nil])
    }

    @Test func tiesShareARankAndWeightsCount() {
        var x = RankingFigures(code: "X")
        x.dispatched = 4
        x.respondedOnTime = 4
        x.resolved = 2
        x.rated = 2
        x.satisfied = 1
        var y = x
        y.code = "Y"
        var z = x
        z.code = "Z"
        z.respondedOnTime = 0
        let rows = RankingTable.make(current: [z, y, x], previous: [], weights: EvaluationWeights())
        #expect(rows.map(\.code) == ["X", "Y", "Z"])
        let ranks: [Int?] = rows.map(\.rank)
        #expect(ranks == [1, 1, 3])
        // Response alone: X and Y 100, Z 0.
        let responseOnly = EvaluationWeights(response: 1, resolution: 0, satisfaction: 0)
        #expect(RankingTable.score(z, weights: responseOnly) == 0)
        #expect(RankingTable.score(x, weights: responseOnly) == 100)
        // Weights not summing to 1 are normalised: 2/1/1 -> 100 × (2 × 1 + 0.5 + 0.5) / 4 = 75.
        #expect(RankingTable.score(x, weights: EvaluationWeights(response: 2, resolution: 1, satisfaction: 1)) == 75)
    }

    /// 回访复核: the follow-up call's verified score counts in place of the resident's; the
    /// resident's own still counts as rated.
    @Test func aVerifiedRatingCountsInPlaceOfTheResidents() {
        var x = RankingFigures(code: "X")
        // Dissatisfied, verified satisfied (the problem was fixed after all): satisfied, overturned.
        x.add(.init(assignedAt: Self.day(2), resolvedAt: Self.day(3), closed: true, rating: 3, verifiedRating: 1), now: Self.now)
        // Satisfied, verified dissatisfied (a satisfaction the call did not confirm): not satisfied.
        x.add(.init(assignedAt: Self.day(2), resolvedAt: Self.day(3), closed: true, rating: 1, verifiedRating: 3), now: Self.now)
        // Basically satisfied, confirmed as given.
        x.add(.init(assignedAt: Self.day(2), resolvedAt: Self.day(3), closed: true, rating: 2, verifiedRating: 2), now: Self.now)
        // Dissatisfied, not verified.
        x.add(.init(assignedAt: Self.day(2), resolvedAt: Self.day(3), rating: 3), now: Self.now)
        let counts: [Int] = [x.rated, x.satisfied, x.verified, x.overturned]
        #expect(counts == [4, 2, 3, 2])
        #expect(x.satisfactionRate == 0.5)
    }
}
