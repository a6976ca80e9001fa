import HotlineDomain
import Testing
@testable import Notifier

/// A resident's rating reply, with the reason after the score (`3 <原因>`).
@Suite struct RatingReplyTests {
    @Test func scoresAloneAndWithANumberStillParse() {
        #expect(RatingReply.parse("1") == RatingReply(ticketNumber: nil, score: .satisfied))
        #expect(RatingReply.parse(" 基本满意 ") == RatingReply(ticketNumber: nil, score: .basicallySatisfied))
        #expect(RatingReply.parse("12345-20261128-000001 3") == RatingReply(ticketNumber: "12345-20261128-000001", score: .dissatisfied))
    }

    @Test func theReasonFollowsTheScore() {
        #expect(RatingReply.parse("3 路灯还是不亮") == RatingReply(ticketNumber: nil, score: .dissatisfied, reason: "路灯还是不亮"))
        #expect(RatingReply.parse("3　没人来 看过") == RatingReply(ticketNumber: nil, score: .dissatisfied, reason: "没人来 看过"))
        #expect(
            RatingReply.parse("12345-20261128-000001 不满意 态度差")
                == RatingReply(ticketNumber: "12345-20261128-000001", score: .dissatisfied, reason: "态度差")
        )
    }

    @Test func otherTextIsNoRating() {
        #expect(RatingReply.parse("办结 已修复") == nil)
        #expect(RatingReply.parse("收到") == nil)
        #expect(RatingReply.parse("") == nil)
        #expect(RatingReply.parse("12345-20261128-000001 办结 1号楼已修复") == nil)
    }
}
