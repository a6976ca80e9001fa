import Foundation

/// The rules of the volunteers' points ledger (家庭文明积分台账): what may be written and what is
/// refused, before the store writes the row. Pure; the store applies them under the volunteer's
/// row lock in the transaction that appends the row, and the table's constraint (balance >= 0)
/// holds even against a writer that skipped them.
public struct PointsLedgerRules: Sendable, Hashable {
    /// Good-deed points one volunteer may be awarded per calendar month (local time).
    public var monthlyGoodDeedCap: Int
    /// The largest single good-deed award.
    public var maxGoodDeedAward: Int

    /// Rules with a monthly cap of `monthlyGoodDeedCap` good-deed points and at most
    /// `maxGoodDeedAward` per award.
    public init(monthlyGoodDeedCap: Int = 20, maxGoodDeedAward: Int = 10) {
        self.monthlyGoodDeedCap = monthlyGoodDeedCap
        self.maxGoodDeedAward = maxGoodDeedAward
    }

    /// Why a row of the ledger is written.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// A service order closed satisfied (1 or 2): the category's points.
        case service
        /// A good deed reported by residents and confirmed by the secretary (巡逻, 调解, 帮扶).
        case goodDeed = "good_deed"
        /// Points spent at the 文明积分超市 (积分兑换).
        case redemption
    }

    /// The good deeds a secretary may award points for.
    public enum GoodDeed: String, Codable, Sendable, CaseIterable {
        /// 巡逻: patrols (治安、防火).
        case patrol
        /// 调解: mediating a dispute.
        case mediation
        /// 帮扶: helping a household in need.
        case help

        /// The deed as people name it.
        public var chineseName: String {
            switch self {
            case .patrol: "巡逻"
            case .mediation: "调解"
            case .help: "帮扶"
            }
        }

        /// The deed named by its code or its Chinese name.
        public init?(named text: String) {
            let trimmed = text.trimmingWhitespace()
            guard let deed = Self(rawValue: trimmed) ?? Self.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
            self = deed
        }
    }

    /// Why a change was refused; nothing was written.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// A redemption asked for more than the balance.
        case insufficient(balance: Int, asked: Int)
        /// A good-deed award would pass the monthly cap.
        case monthlyCap(cap: Int, awarded: Int, asked: Int)
        /// A field is unusable.
        case invalid(field: String, message: String)

        public var description: String {
            switch self {
            case .insufficient(let balance, let asked): "积分不足：余额\(balance)分，兑换需\(asked)分"
            case .monthlyCap(let cap, let awarded, let asked):
                "超过每月好人好事积分上限\(cap)分：本月已得\(awarded)分，本次\(asked)分"
            case .invalid(_, let message): message
            }
        }
    }

    /// The balance after a good-deed award of `points`, given the `balance` and the good-deed
    /// points `awardedThisMonth`; the note (what was done, for whom) is required.
    public func award(_ points: Int, note: String?, balance: Int, awardedThisMonth: Int) throws(Refusal) -> Int {
        guard points >= 1, points <= self.maxGoodDeedAward else {
            throw .invalid(field: "points", message: "points must be 1 to \(self.maxGoodDeedAward)")
        }
        guard let note, !note.trimmingWhitespace().isEmpty else {
            throw .invalid(field: "note", message: "a good deed needs its note (what was done, for whom)")
        }
        guard awardedThisMonth + points <= self.monthlyGoodDeedCap else {
            throw .monthlyCap(cap: self.monthlyGoodDeedCap, awarded: awardedThisMonth, asked: points)
        }
        return balance + points
    }

    /// The balance after redeeming `points` for `item`; never below zero.
    public func redeem(_ points: Int, item: String?, balance: Int) throws(Refusal) -> Int {
        guard points >= 1 else { throw .invalid(field: "points", message: "points must be a whole number >= 1") }
        guard let item, !item.trimmingWhitespace().isEmpty else {
            throw .invalid(field: "item", message: "a redemption names what it was exchanged for")
        }
        guard points <= balance else { throw .insufficient(balance: balance, asked: points) }
        return balance - points
    }

    /// The balance after a service order closed satisfied earned `points`.
    public func earn(_ points: Int, balance: Int) -> Int {
        balance + max(0, points)
    }
}
