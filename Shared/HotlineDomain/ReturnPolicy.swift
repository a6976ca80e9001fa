/// How returns (退单) are handled, from the catalog's `"returns"` object:
/// `{"review": true, "communityDuties": [{"category": "neighbour_dispute", "rule": "社区职责清单第3条"}]}`.
///
/// With `review`, a returned ticket waits in status `returned` for the centre, which re-dispatches
/// it or rejects the return; without it, a return is routed again at once (the default). A
/// community's duty list names what a community must not refuse: its return of such a ticket is
/// refused at once, citing the rule, whatever `review` says.
public struct ReturnPolicy: Codable, Sendable, Hashable {
    /// One entry of the community duty list: a category and the rule that makes it the community's.
    public struct CommunityDuty: Codable, Sendable, Hashable {
        /// The category code.
        public var category: String
        /// The rule to cite, e.g. `社区职责清单第3条：邻里纠纷调解`.
        public var rule: String

        /// Creates a duty entry.
        public init(category: String, rule: String) {
            self.category = category
            self.rule = rule
        }
    }

    /// Whether returns wait for the centre's review.
    public var review: Bool
    /// What a community must not refuse.
    public var communityDuties: [CommunityDuty]

    /// Creates a policy; the default re-routes returns at once and has no duty list.
    public init(review: Bool = false, communityDuties: [CommunityDuty] = []) {
        self.review = review
        self.communityDuties = communityDuties
    }

    /// The duty that forbids a community to return a ticket of `category`, if any.
    public func communityDuty(for category: String?) -> CommunityDuty? {
        guard let category else { return nil }
        return self.communityDuties.first { $0.category == category }
    }
}
