/// The catalog's households rules: which households are red or yellow, and how often each
/// colour is visited (`catalog.json` → `households`).
public struct HouseholdRules: Codable, Sendable, Hashable {
    /// One colour rule: a household is this colour when one member has every flag of the rule
    /// and is at least `minAge` (both optional; a rule needs at least one).
    public struct ColourRule: Codable, Sendable, Hashable {
        public var colour: HouseholdColour
        public var flags: [MemberFlag]
        public var minAge: Int?

        public init(colour: HouseholdColour, flags: [MemberFlag] = [], minAge: Int? = nil) {
            self.colour = colour
            self.flags = flags
            self.minAge = minAge
        }

        /// Whether a member matches, counting ages in `year`.
        public func matches(_ member: Household.Member, in year: Int) -> Bool {
            guard Set(self.flags).isSubset(of: member.flags) else { return false }
            guard let minAge else { return true }
            guard let age = member.age(in: year) else { return false }
            return age >= minAge
        }

        /// The rule in words, e.g. `独居 + 70岁以上`.
        public var text: String {
            let parts = self.flags.map(\.label) + (self.minAge.map { ["\($0)岁以上"] } ?? [])
            return parts.joined(separator: " + ")
        }
    }

    /// Why a household has its colour.
    public struct Assessment: Codable, Sendable, Hashable {
        public var colour: HouseholdColour
        /// The rule that decided, `nil` for green.
        public var rule: ColourRule?
        /// The member who matched it.
        public var member: String?

        /// e.g. `red: 独居 + 70岁以上 (曹福禄)`, or `green: no rule matched`.
        public var reason: String {
            guard let rule else { return "\(self.colour.rawValue): no rule matched" }
            return "\(self.colour.rawValue): \(rule.text)" + (self.member.map { " (\($0))" } ?? "")
        }
    }

    /// Rules in catalog order; the most severe matching colour wins, the first rule of it
    /// explains.
    public var colours: [ColourRule]
    /// How often a household of each colour should be visited; a colour without is never due.
    public var visitEvery: [HouseholdColour: ISODuration]

    public init(colours: [ColourRule] = [], visitEvery: [HouseholdColour: ISODuration] = [:]) {
        self.colours = colours
        self.visitEvery = visitEvery
    }

    /// The colour of a household in `year`: the most severe rule any member matches, else green.
    public func assess(_ household: Household, in year: Int) -> Assessment {
        var best = Assessment(colour: .green, rule: nil, member: nil)
        for rule in self.colours where rule.colour > best.colour {
            if let member = household.members.first(where: { rule.matches($0, in: year) }) {
                best = Assessment(colour: rule.colour, rule: rule, member: member.name)
            }
        }
        return best
    }
}

extension HouseholdRules {
    /// Reads the raw `households` object of a catalog, logging every problem; `nil` or absent
    /// gives no rules (every household green, never due for a visit).
    static func read(_ value: JSONValue?, log: IssueLog, file: String) -> HouseholdRules {
        let top = FieldReader(log: log, file: file, entry: "households")
        guard let members = top.object(value, "", required: false) else { return HouseholdRules() }
        var rules = HouseholdRules()
        for (index, element) in (top.array(members["colours"], "colours", required: false) ?? []).enumerated() {
            let field = "colours[\(index)]"
            guard let rule = top.object(element, field) else { continue }
            let colour = top.choice(rule["colour"], field + ".colour", as: HouseholdColour.self)
            let flags = (top.strings(rule["flags"], field + ".flags", required: false) ?? []).enumerated().compactMap { position, text in
                let flag = MemberFlag(rawValue: text)
                if flag == nil {
                    top.issue("\(field).flags[\(position)]", "unknown flag '\(text)' (expected one of: \(MemberFlag.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return flag
            }
            let minAge = top.int(rule["minAge"], field + ".minAge", minimum: 0, required: false)
            if colour == .green { top.issue(field + ".colour", "green is what matches no rule; give red or yellow") }
            if flags.isEmpty, minAge == nil, rule["flags"] == nil { top.issue(field, "give flags, minAge or both") }
            if let colour, colour != .green { rules.colours.append(ColourRule(colour: colour, flags: flags, minAge: minAge)) }
        }
        if let every = top.object(members["visitEvery"], "visitEvery", required: false) {
            for (key, value) in every.sorted(by: { $0.key < $1.key }) {
                guard let colour = HouseholdColour(rawValue: key) else {
                    top.issue("visitEvery.\(key)", "unknown colour (expected one of: red, yellow, green)")
                    continue
                }
                if let duration = top.duration(value, "visitEvery.\(key)") {
                    if duration.seconds <= 0 { top.issue("visitEvery.\(key)", "must be longer than zero") }
                    else { rules.visitEvery[colour] = duration }
                }
            }
        }
        return rules
    }

    /// The rules of an already validated catalog.
    public init(catalogValue value: JSONValue?) {
        self = Self.read(value, log: IssueLog(), file: "catalog.json")
    }
}

extension Catalog {
    /// The households rules (validated when the catalog was loaded).
    public var householdRules: HouseholdRules { HouseholdRules(catalogValue: self.households) }
}
