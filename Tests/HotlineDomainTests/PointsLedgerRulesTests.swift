import Testing
@testable import HotlineDomain

/// The points ledger's rules: a redemption never takes the balance below zero, good deeds are
/// capped per month and need a note, a service close earns the category's points.
@Suite struct PointsLedgerRulesTests {
    let rules = PointsLedgerRules(monthlyGoodDeedCap: 20, maxGoodDeedAward: 10)

    @Test func aRedemptionBeyondTheBalanceIsRefused() throws {
        #expect(throws: PointsLedgerRules.Refusal.insufficient(balance: 5, asked: 6)) {
            try self.rules.redeem(6, item: "洗衣液一瓶", balance: 5)
        }
        #expect(try self.rules.redeem(5, item: "洗衣液一瓶", balance: 5) == 0, "down to zero, not below")
        #expect(throws: PointsLedgerRules.Refusal.self) { try self.rules.redeem(0, item: "x", balance: 5) }
        #expect(throws: PointsLedgerRules.Refusal.invalid(field: "item", message: "a redemption names what it was exchanged for")) {
            try self.rules.redeem(1, item: "  ", balance: 5)
        }
    }

    @Test func goodDeedsAreCappedPerMonthAndNeedANote() throws {
        #expect(try self.rules.award(5, note: "夜间巡逻两小时", balance: 3, awardedThisMonth: 15) == 8)
        #expect(throws: PointsLedgerRules.Refusal.monthlyCap(cap: 20, awarded: 16, asked: 5)) {
            try self.rules.award(5, note: "调解邻里纠纷", balance: 3, awardedThisMonth: 16)
        }
        #expect(throws: PointsLedgerRules.Refusal.self) { try self.rules.award(11, note: "x", balance: 0, awardedThisMonth: 0) }
        #expect(throws: PointsLedgerRules.Refusal.self) { try self.rules.award(2, note: nil, balance: 0, awardedThisMonth: 0) }
    }

    @Test func aServiceCloseEarnsAndDeedsAreNamedBothWays() {
        #expect(self.rules.earn(3, balance: 4) == 7)
        #expect(self.rules.earn(-3, balance: 4) == 4, "never a negative earning")
        #expect(PointsLedgerRules.GoodDeed(named: "调解") == .mediation)
        #expect(PointsLedgerRules.GoodDeed(named: "patrol") == .patrol)
        #expect(PointsLedgerRules.GoodDeed(named: "扫地") == nil)
        #expect(PointsLedgerRules.Refusal.insufficient(balance: 2, asked: 9).description == "积分不足：余额2分，兑换需9分")
    }
}
