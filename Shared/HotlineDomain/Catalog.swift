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

    /// Creates a catalog.
    public init(
        departments: [Department], categories: [Category], sla: SLAPolicy,
        calendar: CalendarRules = CalendarRules(), escalation: EscalationPolicy = EscalationPolicy(),
        households: JSONValue? = nil
    ) {
        self.departments = departments
        self.categories = categories
        self.sla = sla
        self.calendar = calendar
        self.escalation = escalation
        self.households = households
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
