/// What differs between two jurisdictions' files, in a few lists a person can read before the
/// replay's numbers: grids added, removed or redrawn, categories whose handling changed, the
/// calendar's holidays and make-up days, the SLA terms and the escalation thresholds.
public struct WhatIfRulesDiff: Codable, Sendable, Hashable {
    /// One category's field that differs.
    public struct CategoryChange: Codable, Sendable, Hashable {
        /// The category's code and (proposed) name.
        public var code, name: String
        /// `handler`, `department`, `assist`, `urgency`, `keywords`, `added` or `removed`.
        public var field: String
        /// The values, as text.
        public var from, to: String?
    }

    /// Grid codes only in the proposed map, only in the current one, and in both with another shape,
    /// community or aliases.
    public var gridsAdded, gridsRemoved, gridsChanged: [String]
    /// Category changes.
    public var categories: [CategoryChange]
    /// Holidays and make-up working days added and removed (`YYYY-MM-DD`).
    public var holidaysAdded, holidaysRemoved, workdaysAdded, workdaysRemoved: [String]
    /// Urgencies whose SLA terms differ.
    public var slaChanged: [String]
    /// Whether the escalation thresholds differ.
    public var escalationChanged: Bool

    /// The differences from `current` to `proposed`.
    public init(current: Jurisdiction, proposed: Jurisdiction) {
        let old = Dictionary(current.grids.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(proposed.grids.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.gridsAdded = new.keys.filter { old[$0] == nil }.sorted()
        self.gridsRemoved = old.keys.filter { new[$0] == nil }.sorted()
        self.gridsChanged = new.keys.filter { code in old[code].map { $0 != new[code] } ?? false }.sorted()
        var categories: [CategoryChange] = []
        let before = Dictionary(current.catalog.categories.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(proposed.catalog.categories.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for category in proposed.catalog.categories {
            guard let previous = before[category.code] else {
                categories.append(.init(code: category.code, name: category.name, field: "added", from: nil, to: category.handler.rawValue))
                continue
            }
            let pairs: [(String, String?, String?)] = [
                ("handler", previous.handler.rawValue, category.handler.rawValue), ("department", previous.department, category.department),
                ("assist", previous.assist.joined(separator: ","), category.assist.joined(separator: ",")),
                ("urgency", previous.urgency.rawValue, category.urgency.rawValue),
                ("keywords", previous.keywords.joined(separator: ","), category.keywords.joined(separator: ",")),
            ]
            for (field, from, to) in pairs where from != to {
                categories.append(.init(code: category.code, name: category.name, field: field, from: from, to: to))
            }
        }
        for category in current.catalog.categories where after[category.code] == nil {
            categories.append(.init(code: category.code, name: category.name, field: "removed", from: category.handler.rawValue, to: nil))
        }
        self.categories = categories
        func days(_ list: [LocalDate]) -> Set<String> { Set(list.map(\.text)) }
        let (holidaysOld, holidaysNew) = (days(current.catalog.calendar.holidays), days(proposed.catalog.calendar.holidays))
        let (workdaysOld, workdaysNew) = (days(current.catalog.calendar.workdays), days(proposed.catalog.calendar.workdays))
        self.holidaysAdded = holidaysNew.subtracting(holidaysOld).sorted()
        self.holidaysRemoved = holidaysOld.subtracting(holidaysNew).sorted()
        self.workdaysAdded = workdaysNew.subtracting(workdaysOld).sorted()
        self.workdaysRemoved = workdaysOld.subtracting(workdaysNew).sorted()
        self.slaChanged = Urgency.allCases.filter {
            current.catalog.sla.terms(for: $0) != proposed.catalog.sla.terms(for: $0)
        }.map(\.rawValue)
        self.escalationChanged = current.catalog.escalation != proposed.catalog.escalation
    }
}
