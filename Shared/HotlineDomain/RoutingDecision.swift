import Foundation

/// Where a ticket goes, by when, and why: the router's answer, stored with the ticket and shown
/// in its history.
public struct RoutingDecision: Codable, Sendable, Hashable {
    /// Routed, or waiting for manual dispatch.
    public var outcome: RoutingOutcome
    /// The category code, as given or as classified; `nil` when unknown.
    public var category: String?
    /// The grid, when one was found.
    public var grid: GridRef?
    /// Who handles the ticket, when routed.
    public var handler: HandlerKind?
    /// The departments sent the ticket: the lead first, then the assisting ones.
    public var departments: [DepartmentAssignment]
    /// The urgency in force: the request's override, else the category's default, raised to at
    /// least urgent for "三重" matters.
    public var urgency: Urgency
    /// Who answers for the ticket now; always `community` when first routed.
    public var level: ResponsibilityLevel
    /// When the handler must respond; `nil` when unroutable.
    public var respondBy: Date?
    /// When the ticket must be resolved; `nil` when unroutable.
    public var resolveBy: Date?
    /// One Chinese sentence per rule that acted, in order, naming grids, categories and
    /// departments by their names (`按坐标落入水川路社区第2网格`).
    public var reasons: [String]
    /// The same steps for machines: each rule's code and values, in the same order; `nil` on
    /// decisions stored before rules were recorded.
    public var rules: [RoutingRule]?
    /// Why no route was found; `nil` when routed.
    public var unroutableReason: String?
    /// The household the ticket came from, if one matched.
    public var household: HouseholdTag?

    /// Creates a decision.
    public init(
        outcome: RoutingOutcome, category: String?, grid: GridRef?, handler: HandlerKind?,
        departments: [DepartmentAssignment], urgency: Urgency, level: ResponsibilityLevel = .community,
        respondBy: Date?, resolveBy: Date?, reasons: [String], unroutableReason: String?,
        household: HouseholdTag? = nil, rules: [RoutingRule]? = nil
    ) {
        self.rules = rules
        self.household = household
        self.outcome = outcome
        self.category = category
        self.grid = grid
        self.handler = handler
        self.departments = departments
        self.urgency = urgency
        self.level = level
        self.respondBy = respondBy
        self.resolveBy = resolveBy
        self.reasons = reasons
        self.unroutableReason = unroutableReason
    }

    /// The lead department, if the ticket was transferred.
    public var leadDepartment: DepartmentAssignment? {
        self.departments.first { $0.role == .lead }
    }
}
