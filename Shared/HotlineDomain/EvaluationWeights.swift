/// The weights of the three rates in a ranking's score (考核), from the catalog's
/// `"evaluation": {"weights": {"response": 0.2, "resolution": 0.4, "satisfaction": 0.4}}`
/// (those by default). Each is >= 0, not all 0; the score divides by the sum of the weights of
/// the rates a group has, so weights need not add up to 1; see ``RankingTable``.
public struct EvaluationWeights: Codable, Sendable, Hashable {
    /// Weight of 响应率.
    public var response: Double
    /// Weight of 解决率.
    public var resolution: Double
    /// Weight of 满意率.
    public var satisfaction: Double

    /// Creates weights; the defaults are 0.2, 0.4, 0.4.
    public init(response: Double = 0.2, resolution: Double = 0.4, satisfaction: Double = 0.4) {
        self.response = response
        self.resolution = resolution
        self.satisfaction = satisfaction
    }
}
