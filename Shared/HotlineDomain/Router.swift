import Foundation

/// Decides where a new (or returned) ticket goes: its grid, category, handler, departments,
/// urgency and deadlines, with a reason for each rule that acted.
///
/// Pure and `Sendable`: build one per jurisdiction load and share it; routing does no look-up
/// that is not already indexed in memory.
public struct Router: Sendable {
    /// The jurisdiction routed against.
    public let jurisdiction: Jurisdiction
    /// The grids, indexed for code, point and alias look-ups.
    public let grids: GridIndex
    /// The keyword classifier over the catalog's categories.
    public let classifier: Classifier
    /// The working-day calendar deadlines are counted on.
    public let calendar: WorkingCalendar
    /// Categories by code.
    let categories: [String: Category]
    /// Departments by code.
    let departments: [String: Department]

    /// Prepares the indexes of a jurisdiction; `timeZone` is the business calendar's
    /// (Asia/Shanghai for a Chinese city, see ``WorkingCalendar/chinaTimeZone``).
    public init(jurisdiction: Jurisdiction, timeZone: TimeZone) {
        self.jurisdiction = jurisdiction
        self.grids = GridIndex(grids: jurisdiction.grids)
        self.classifier = Classifier(categories: jurisdiction.catalog.categories)
        self.calendar = WorkingCalendar(rules: jurisdiction.catalog.calendar, timeZone: timeZone)
        self.categories = Dictionary(jurisdiction.catalog.categories.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.departments = Dictionary(jurisdiction.catalog.departments.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Routes a ticket received (or returned) at `now`.
    ///
    /// - Grid: an explicit valid grid code, else the grid whose area contains the coordinate,
    ///   else the grid of the longest alias found in the address; none is unroutable.
    /// - Category: the given code if the catalog has it (an unknown code is unroutable), else the
    ///   one classified from the description (none is unroutable).
    /// - Handler: the category's; a "三重" matter (`major`) goes to the community secretary with
    ///   urgency at least `urgent`, and the street centre is told. Such a matter needs a grid but
    ///   no category.
    /// - Departments: for a department (or secretary) category naming departments, the lead then
    ///   the assists, leaving out `excludingDepartments` (those that returned the ticket); if the
    ///   lead is out the first remaining assist leads; a department handler with none left is
    ///   unroutable.
    /// - Urgency: the request's override, else the category's default. Deadlines come from the
    ///   SLA terms of that urgency on the working calendar. The level starts at `community`.
    public func route(
        _ request: RoutingRequest, at now: Date, excludingDepartments excluded: Set<String> = []
    ) -> RoutingDecision {
        var reasons: [String] = []
        var problems: [String] = []
        let grid = self.resolveGrid(request, reasons: &reasons, problems: &problems)
        var categoryProblem: String?
        let category = self.resolveCategory(request, reasons: &reasons, problem: &categoryProblem)
        // The secretary answers for a located "三重" matter whatever its category.
        if let categoryProblem, request.major == nil || grid == nil {
            problems.append(categoryProblem)
        }
        var urgency = self.baseUrgency(request, category: category, reasons: &reasons)
        var handler = category?.handler
        if let household = request.household {
            urgency = self.applyHousehold(household, to: urgency, reasons: &reasons)
        }
        if let major = request.major {
            handler = .secretary
            let raised = urgency < .urgent
            urgency = max(urgency, .urgent)
            let change = raised ? "urgency raised to urgent" : "urgency stays \(urgency.rawValue)"
            reasons.append("三重 matter (\(major.rawValue)): community secretary first responsible, \(change), street centre told")
        }
        var departments: [DepartmentAssignment] = []
        if let category, let current = handler, current != .community {
            departments = self.assignDepartments(category, excluding: excluded, reasons: &reasons)
            if current == .department, departments.isEmpty {
                problems.append("no department left after returns")
            }
        }
        guard problems.isEmpty, let grid, let handler else {
            return RoutingDecision(
                outcome: .unroutable, category: category?.code, grid: grid.map(GridRef.init), handler: nil,
                departments: [], urgency: urgency, respondBy: nil, resolveBy: nil, reasons: reasons,
                unroutableReason: problems.isEmpty ? "no handler" : problems.joined(separator: "; "),
                household: request.household
            )
        }
        let terms = self.jurisdiction.catalog.sla.terms(for: urgency)
        let respondBy = self.calendar.deadline(from: now, adding: terms.respond, workingDays: terms.workingDays)
        let resolveBy = self.calendar.deadline(from: now, adding: terms.resolve, workingDays: terms.workingDays)
        let days = terms.workingDays ? " (working days)" : ""
        reasons.append("\(urgency.rawValue) terms: respond \(terms.respond.text), resolve \(terms.resolve.text)\(days)")
        return RoutingDecision(
            outcome: .routed, category: category?.code, grid: GridRef(grid), handler: handler,
            departments: departments, urgency: urgency, level: .community, respondBy: respondBy,
            resolveBy: resolveBy, reasons: reasons, unroutableReason: nil, household: request.household
        )
    }

    /// A red household's call is at least urgent; a yellow one is noted. The reason names the
    /// household and the colour rule that acted.
    private func applyHousehold(_ household: HouseholdTag, to urgency: Urgency, reasons: inout [String]) -> Urgency {
        let who = "household \(household.code) by \(household.matchedBy), \(household.reason)"
        switch household.colour {
        case .red:
            reasons.append(urgency < .urgent ? "\(who): urgency raised to urgent" : "\(who): urgency stays \(urgency.rawValue)")
            return max(urgency, .urgent)
        case .yellow:
            reasons.append("\(who): shown to the handler")
            return urgency
        case .green:
            return urgency
        }
    }

    /// The urgency before any "三重" rule: the request's override, else the category's default,
    /// else `general`.
    private func baseUrgency(_ request: RoutingRequest, category: Category?, reasons: inout [String]) -> Urgency {
        if let urgency = request.urgency {
            reasons.append("urgency \(urgency.rawValue) by request")
            return urgency
        }
        if let category {
            reasons.append("urgency \(category.urgency.rawValue) by category default")
            return category.urgency
        }
        return .general
    }
}
