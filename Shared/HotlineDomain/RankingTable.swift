/// The ranking (考核排名) of groups over a period: each group's weighted score out of 100 and
/// its rank, beside its rank in the period of the same length just before.
///
/// `score = 100 × Σ wᵢ·rateᵢ / Σ wᵢ`, both sums over the rates the group has (a group nobody
/// rated is scored on its response and resolution alone, rather than as if all were
/// dissatisfied); rounded to 2 decimals. With the default weights 0.2/0.4/0.4 summing to 1 this
/// is plain `100 × (0.2·响应率 + 0.4·解决率 + 0.4·满意率)`. Groups with no rate at all have no
/// score and no rank. Ranks are competition ranks (1, 2, 2, 4) by score, highest first; ties
/// are listed by code.
public enum RankingTable {
    /// One ranked group.
    public struct Row: Codable, Sendable, Equatable {
        /// The group's code.
        public var code: String
        /// The group's name.
        public var name: String?
        /// Tickets taken.
        public var received: Int
        /// Tickets assigned at least once.
        public var dispatched: Int
        /// Tickets resolved.
        public var resolved: Int
        /// Tickets resolved by their (extended) resolve-by.
        public var resolvedOnTime: Int
        /// Tickets rated.
        public var rated: Int
        /// Returns (退单) made by or on the group.
        public var returns: Int
        /// 响应率.
        public var responseRate: Double?
        /// 解决率.
        public var resolutionRate: Double?
        /// 满意率.
        public var satisfactionRate: Double?
        /// The weighted score out of 100.
        public var score: Double?
        /// The rank by score (competition ranking).
        public var rank: Int?
        /// The rank over the period just before.
        public var previousRank: Int?

        // Absent values are written as null, never left out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.code, forKey: .code)
            try c.encode(self.name, forKey: .name)
            try c.encode(self.received, forKey: .received)
            try c.encode(self.dispatched, forKey: .dispatched)
            try c.encode(self.resolved, forKey: .resolved)
            try c.encode(self.resolvedOnTime, forKey: .resolvedOnTime)
            try c.encode(self.rated, forKey: .rated)
            try c.encode(self.returns, forKey: .returns)
            try c.encode(self.responseRate, forKey: .responseRate)
            try c.encode(self.resolutionRate, forKey: .resolutionRate)
            try c.encode(self.satisfactionRate, forKey: .satisfactionRate)
            try c.encode(self.score, forKey: .score)
            try c.encode(self.rank, forKey: .rank)
            try c.encode(self.previousRank, forKey: .previousRank)
        }
    }

    /// The weighted score of figures, or `nil` when none of its rates is defined.
    public static func score(_ figures: RankingFigures, weights: EvaluationWeights) -> Double? {
        let parts: [(Double?, Double)] = [
            (figures.responseRate, weights.response), (figures.resolutionRate, weights.resolution),
            (figures.satisfactionRate, weights.satisfaction),
        ]
        var sum = 0.0
        var weight = 0.0
        for case let (rate?, w) in parts {
            sum += rate * w
            weight += w
        }
        guard weight > 0 else { return nil }
        return (sum / weight * 100 * 100).rounded() / 100
    }

    /// Competition ranks by score (highest first) of the groups that have one.
    public static func ranks(_ figures: [RankingFigures], weights: EvaluationWeights) -> [String: Int] {
        let scored = figures.compactMap { f in self.score(f, weights: weights).map { (f.code, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var ranks: [String: Int] = [:]
        for (index, (code, score)) in scored.enumerated() {
            if index > 0, scored[index - 1].1 == score, let tied = ranks[scored[index - 1].0] {
                ranks[code] = tied
            } else {
                ranks[code] = index + 1
            }
        }
        return ranks
    }

    /// The table of `current`, ranked, each with its rank among `previous` (the period before).
    public static func make(current: [RankingFigures], previous: [RankingFigures], weights: EvaluationWeights) -> [Row] {
        let ranks = self.ranks(current, weights: weights)
        let before = self.ranks(previous, weights: weights)
        return current.map { f in
            Row(
                code: f.code, name: f.name, received: f.received, dispatched: f.dispatched, resolved: f.resolved,
                resolvedOnTime: f.resolvedOnTime, rated: f.rated, returns: f.returns, responseRate: f.responseRate,
                resolutionRate: f.resolutionRate, satisfactionRate: f.satisfactionRate, score: self.score(f, weights: weights),
                rank: ranks[f.code], previousRank: before[f.code]
            )
        }
        .sorted { a, b in
            switch (a.rank, b.rank) {
            case let (x?, y?): x != y ? x < y : a.code < b.code
            case (.some, .none): true
            case (.none, .some): false
            case (.none, .none): a.code < b.code
            }
        }
    }
}
