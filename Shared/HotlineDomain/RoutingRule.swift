/// One rule that acted on a routing decision, for machines: a stable code and its values.
///
/// Beside it the decision keeps the same step as a Chinese sentence for people
/// (``RoutingDecision/reasons``). Codes: `grid.code`, `grid.point`, `grid.alias`,
/// `grid.code_unknown`, `grid.point_invalid`, `grid.point_outside`, `grid.alias_none`,
/// `category.given`, `category.unknown`, `category.classified`, `category.none`,
/// `urgency.request`, `urgency.category`, `household.red`, `household.yellow`, `major`,
/// `handler.community`, `department.lead`, `department.excluded`, `department.unknown`,
/// `department.substitute`, `terms`.
public struct RoutingRule: Codable, Sendable, Hashable {
    /// The rule's stable code, e.g. `grid.point`.
    public var rule: String
    /// The codes and values the rule acted on, e.g. `["grid": "62040200100102"]`.
    public var values: [String: String]

    /// Creates a rule record.
    public init(_ rule: String, _ values: [String: String] = [:]) {
        self.rule = rule
        self.values = values
    }
}

/// The explanation a router builds while it decides: each step as a rule for machines and a
/// sentence for people, kept in step.
public struct RoutingExplanation: Sendable {
    /// The Chinese sentences, in order.
    public private(set) var sentences: [String] = []
    /// The rules, in the same order.
    public private(set) var rules: [RoutingRule] = []

    /// An empty explanation.
    public init() {}

    /// Records one step.
    public mutating func add(_ rule: String, _ values: [String: String] = [:], _ sentence: String) {
        self.rules.append(RoutingRule(rule, values))
        self.sentences.append(sentence)
    }
}
