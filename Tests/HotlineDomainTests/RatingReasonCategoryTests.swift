import Testing
@testable import HotlineDomain

@Suite struct RatingReasonCategoryTests {
    @Test(arguments: [
        ("路灯还是不亮", RatingReasonCategory.unresolved), ("等了一个多星期才来", .slow), ("根本没人来看过", .noContact),
        ("工作人员态度很差", .attitude), ("处理结果不合理", .disagreement), ("就是不满意", .other), ("", .other),
    ])
    func classifies(_ reason: String, _ expected: RatingReasonCategory) {
        #expect(RatingReasonCategory.classify(reason) == expected)
    }

    @Test func noReasonIsOther() {
        #expect(RatingReasonCategory.classify(nil) == .other)
        #expect(RatingReasonCategory.allCases.allSatisfy { !$0.chineseName.isEmpty })
    }
}
