/// The city's rules: departments, categories, deadlines, calendar and escalation
/// (`catalog.json`).
public struct Catalog: Codable, Sendable, Hashable {
    /// Departments that take transferred tickets.
    public var departments: [Department]
    /// Categories of problem, in catalog order (the order breaks classification ties).
    public var categories: [Category]
    /// Deadlines per urgency.
    public var sla: SLAPolicy
    /// Holidays and make-up working days.
    public var calendar: CalendarRules
    /// When open tickets escalate.
    public var escalation: EscalationPolicy
    /// The optional households rules object (colours, visit intervals), kept raw for the
    /// services that interpret it.
    public var households: JSONValue?
    /// Groups of words that mean the same to callers and articles (`[["医保","医疗保险"]]`),
    /// for knowledge search; `nil` when the catalog has none.
    public var synonyms: [[String]]?
    /// How returns are handled (review, community duty list); `nil` is the default policy.
    public var returns: ReturnPolicy?
    /// The weights of the rankings' score; `nil` is the default weights.
    public var evaluation: EvaluationWeights?

    /// The return policy in force (the default when the catalog has none).
    public var returnPolicy: ReturnPolicy { self.returns ?? ReturnPolicy() }
    /// The ranking weights in force (the defaults when the catalog has none).
    public var weights: EvaluationWeights { self.evaluation ?? EvaluationWeights() }

    /// Creates a catalog.
    public init(
        departments: [Department], categories: [Category], sla: SLAPolicy,
        calendar: CalendarRules = CalendarRules(), escalation: EscalationPolicy = EscalationPolicy(),
        households: JSONValue? = nil, returns: ReturnPolicy? = nil, evaluation: EvaluationWeights? = nil
    ) {
        self.departments = departments
        self.categories = categories
        self.sla = sla
        self.calendar = calendar
        self.escalation = escalation
        self.households = households
        self.returns = returns
        self.evaluation = evaluation
    }

    /// The department with this code, if any.
    public func department(code: String) -> Department? {
        self.departments.first { $0.code == code }
    }

    /// The category with this code, if any.
    public func category(code: String) -> Category? {
        self.categories.first { $0.code == code }
    }
}
