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
        var why = RoutingExplanation()
        var problems: [String] = []
        let grid = self.resolveGrid(request, why: &why, problems: &problems)
        var categoryProblem: String?
        let category = self.resolveCategory(request, why: &why, problem: &categoryProblem)
        // The secretary answers for a located "三重" matter whatever its category.
        if let categoryProblem, request.major == nil || grid == nil {
            problems.append(categoryProblem)
        }
        var urgency = self.baseUrgency(request, category: category, why: &why)
        var handler = category?.handler
        if let household = request.household {
            urgency = self.applyHousehold(household, to: urgency, why: &why)
        }
        if let major = request.major {
            handler = .secretary
            let raised = urgency < .urgent
            urgency = max(urgency, .urgent)
            let change = raised ? "紧急程度提升为较急" : "紧急程度保持\(urgency.chineseName)"
            why.add(
                "major", ["major": major.rawValue, "urgency": urgency.rawValue, "raised": String(raised)],
                "属“三重”事项（\(major.chineseName)）：社区书记第一责任，\(change)，并报街道综治中心"
            )
        }
        var departments: [DepartmentAssignment] = []
        if let category, let current = handler, current != .community, current != .volunteer {
            departments = self.assignDepartments(category, excluding: excluded, why: &why)
            if current == .department, departments.isEmpty {
                problems.append("退回后已没有可派的部门")
            }
        } else if let category, let grid, handler == .community {
            why.add(
                "handler.community", ["category": category.code, "community": grid.community.code],
                "分类“\(category.name)”由\(grid.community.name)社区自办"
            )
        } else if let category, let grid, handler == .volunteer {
            why.add(
                "handler.volunteer", ["category": category.code, "community": grid.community.code],
                "分类“\(category.name)”属社区服务清单（群众点单），由\(grid.community.name)社区派给有此技能的志愿者接单"
            )
        }
        guard problems.isEmpty, let grid, let handler else {
            return RoutingDecision(
                outcome: .unroutable, category: category?.code, grid: grid.map(GridRef.init), handler: nil,
                departments: [], urgency: urgency, respondBy: nil, resolveBy: nil, reasons: why.sentences,
                unroutableReason: problems.isEmpty ? "无人可办" : problems.joined(separator: "；"),
                household: request.household, rules: why.rules
            )
        }
        let terms = self.jurisdiction.catalog.sla.terms(for: urgency)
        let respondBy = self.calendar.deadline(from: now, adding: terms.respond, workingDays: terms.workingDays)
        let resolveBy = self.calendar.deadline(from: now, adding: terms.resolve, workingDays: terms.workingDays)
        why.add(
            "terms",
            ["urgency": urgency.rawValue, "respond": terms.respond.text, "resolve": terms.resolve.text, "workingDays": String(terms.workingDays)],
            "\(urgency.chineseName)时限：\(terms.respond.chineseText(workingDays: terms.workingDays))内响应，"
                + "\(terms.resolve.chineseText(workingDays: terms.workingDays))内办结"
        )
        return RoutingDecision(
            outcome: .routed, category: category?.code, grid: GridRef(grid), handler: handler,
            departments: departments, urgency: urgency, level: .community, respondBy: respondBy,
            resolveBy: resolveBy, reasons: why.sentences, unroutableReason: nil, household: request.household, rules: why.rules
        )
    }

    /// A red household's call is at least urgent; a yellow one is noted. The sentence names the
    /// household and the colour rule that acted, never a member.
    private func applyHousehold(_ household: HouseholdTag, to urgency: Urgency, why: inout RoutingExplanation) -> Urgency {
        let values = ["household": household.code, "colour": household.colour.rawValue, "matchedBy": household.matchedBy]
        let who = "\(household.matchedDescription)属\(household.colour.label)色户\(household.code)（\(household.ruleText)）"
        switch household.colour {
        case .red:
            let change = urgency < .urgent ? "紧急程度提升为较急" : "紧急程度保持\(urgency.chineseName)"
            why.add("household.red", values.merging(["raised": String(urgency < .urgent)]) { a, _ in a }, "\(who)，\(change)")
            return max(urgency, .urgent)
        case .yellow:
            why.add("household.yellow", values, "\(who)，已提示办理人")
            return urgency
        case .green:
            return urgency
        }
    }

    /// The urgency before any "三重" rule: the request's override, else the category's default,
    /// else `general`.
    private func baseUrgency(_ request: RoutingRequest, category: Category?, why: inout RoutingExplanation) -> Urgency {
        if let urgency = request.urgency {
            why.add("urgency.request", ["urgency": urgency.rawValue], "按来电要求定为\(urgency.chineseName)")
            return urgency
        }
        if let category {
            why.add(
                "urgency.category", ["urgency": category.urgency.rawValue, "category": category.code],
                "按分类“\(category.name)”默认定为\(category.urgency.chineseName)"
            )
            return category.urgency
        }
        return .general
    }
}
