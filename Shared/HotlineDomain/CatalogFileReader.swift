/// Reads and validates `catalog.json`: departments, categories, SLA terms, calendar, escalation
/// and the optional raw households rules.
enum CatalogFileReader {
    /// The file's name, as issues report it.
    static let file = "catalog.json"

    /// The catalog of a parsed file, or `nil` when a required part is unusable; every problem
    /// goes to `log`.
    static func read(_ root: JSONValue, log: IssueLog) -> Catalog? {
        let top = FieldReader(log: log, file: self.file, entry: "")
        guard let members = top.object(root, "") else {
            return nil
        }
        let departments = self.departments(members["departments"], log: log)
        let known = Set(departments.map(\.code))
        let categories = self.categories(members["categories"], departments: known, log: log)
        let sla = self.sla(members["sla"], log: log)
        let calendar = self.calendar(members["calendar"], log: log)
        let escalation = self.escalation(members["escalation"], log: log)
        let households = members["households"]
        let returns = self.returns(members["returns"], categories: Set(categories.map(\.code)), log: log)
        let evaluation = self.evaluation(members["evaluation"], log: log)
        _ = HouseholdRules.read(households, log: log, file: self.file)
        let synonyms = self.synonyms(members["synonyms"], log: log)
        guard let sla else {
            return nil
        }
        var catalog = Catalog(
            departments: departments, categories: categories, sla: sla, calendar: calendar,
            escalation: escalation, households: households == .null ? nil : households, returns: returns,
            evaluation: evaluation
        )
        catalog.synonyms = synonyms
        return catalog
    }

    /// The knowledge search's synonym groups: each an array of at least two distinct words.
    private static func synonyms(_ value: JSONValue?, log: IssueLog) -> [[String]]? {
        let top = FieldReader(log: log, file: self.file, entry: "")
        guard let groups = top.array(value, "synonyms", required: false) else {
            return nil
        }
        var result: [[String]] = []
        for (index, group) in groups.enumerated() {
            let field = "synonyms[\(index)]"
            guard let words = top.strings(group, field) else {
                continue
            }
            let cleaned = words.map { $0.trimmingWhitespace() }
            if let empty = cleaned.firstIndex(where: \.isEmpty) {
                top.issue("\(field)[\(empty)]", "empty word")
            } else if Set(cleaned).count < 2 {
                top.issue(field, "a group needs at least two different words")
            } else {
                result.append(cleaned)
            }
        }
        return result
    }

    /// The departments; bad or repeated entries are reported and left out.
    private static func departments(_ value: JSONValue?, log: IssueLog) -> [Department] {
        let top = FieldReader(log: log, file: self.file, entry: "")
        guard let elements = top.array(value, "departments") else {
            return []
        }
        var result: [Department] = []
        var seen: Set<String> = []
        for (index, element) in elements.enumerated() {
            let reader = FieldReader(log: log, file: self.file, entry: self.entry("department", index, element))
            guard let members = reader.object(element, "") else {
                continue
            }
            let code = reader.string(members["code"], "code")
            let name = reader.string(members["name"], "name")
            let phone = reader.string(members["phone"], "phone", required: false)
            let amqpUser = reader.string(members["amqpUser"], "amqpUser", required: false)
            if let user = amqpUser, !Self.isBrokerUserName(user) {
                reader.issue("amqpUser", "must be 1 to 64 letters, digits or . _ - @ (a RabbitMQ user name)")
                continue
            }
            guard let code, let name else {
                continue
            }
            guard seen.insert(code).inserted else {
                reader.issue("code", "duplicate department code")
                continue
            }
            result.append(Department(code: code, name: name, phone: phone ?? "", amqpUser: amqpUser))
        }
        return result
    }

    /// A plausible RabbitMQ user name for `amqpUser`: 1 to 64 of letters, digits, `.`, `_`, `-`, `@`.
    static func isBrokerUserName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)) }
    }

    /// The categories; bad or repeated entries are reported and left out.
    private static func categories(_ value: JSONValue?, departments: Set<String>, log: IssueLog) -> [Category] {
        let top = FieldReader(log: log, file: self.file, entry: "")
        guard let elements = top.array(value, "categories") else {
            return []
        }
        var result: [Category] = []
        var seen: Set<String> = []
        for (index, element) in elements.enumerated() {
            let reader = FieldReader(log: log, file: self.file, entry: self.entry("category", index, element))
            guard let members = reader.object(element, "") else {
                continue
            }
            let code = reader.string(members["code"], "code")
            let name = reader.string(members["name"], "name")
            let keywords = reader.strings(members["keywords"], "keywords", required: false) ?? []
            let handler = reader.choice(members["handler"], "handler", as: HandlerKind.self)
            let urgency = reader.choice(members["urgency"], "urgency", as: Urgency.self, required: false)
            let department = reader.string(members["department"], "department", required: handler == .department)
            if let department, !departments.contains(department) {
                reader.issue("department", "unknown department '\(department)'")
            }
            let assist = reader.strings(members["assist"], "assist", required: false) ?? []
            let resolvePhoto = reader.bool(members["resolvePhoto"], "resolvePhoto", required: false)
            let points = reader.int(members["points"], "points", minimum: 0, required: false)
            if points != nil, handler != nil, handler != .volunteer {
                reader.issue("points", "only a category with handler 'volunteer' earns points")
            }
            for (position, code) in assist.enumerated() where !departments.contains(code) {
                reader.issue("assist[\(position)]", "unknown department '\(code)'")
            }
            guard let code, let name, let handler else {
                continue
            }
            guard seen.insert(code).inserted else {
                reader.issue("code", "duplicate category code")
                continue
            }
            var category = Category(
                code: code, name: name, keywords: keywords, handler: handler, department: department,
                assist: assist, urgency: urgency ?? .general
            )
            category.resolvePhoto = resolvePhoto == true ? true : nil
            category.points = handler == .volunteer ? points : nil
            result.append(category)
        }
        return result
    }

    /// The SLA terms, which must cover all three urgencies.
    private static func sla(_ value: JSONValue?, log: IssueLog) -> SLAPolicy? {
        let reader = FieldReader(log: log, file: self.file, entry: "sla")
        guard let members = reader.object(value, "") else {
            return nil
        }
        var terms: [Urgency: SLATerms] = [:]
        for urgency in Urgency.allCases {
            let field = urgency.rawValue
            guard let entry = reader.object(members[field], field) else {
                continue
            }
            let respond = reader.duration(entry["respond"], field + ".respond")
            let resolve = reader.duration(entry["resolve"], field + ".resolve")
            let workingDays = reader.bool(entry["workingDays"], field + ".workingDays", required: false) ?? false
            if let respond, let resolve {
                terms[urgency] = SLATerms(respond: respond, resolve: resolve, workingDays: workingDays)
            }
        }
        guard let general = terms[.general], let urgent = terms[.urgent], let emergency = terms[.emergency] else {
            return nil
        }
        return SLAPolicy(general: general, urgent: urgent, emergency: emergency)
    }

    /// The holidays and make-up working days; absent means none.
    private static func calendar(_ value: JSONValue?, log: IssueLog) -> CalendarRules {
        let reader = FieldReader(log: log, file: self.file, entry: "calendar")
        guard let members = reader.object(value, "", required: false) else {
            return CalendarRules()
        }
        return CalendarRules(
            holidays: reader.dates(members["holidays"], "holidays"),
            workdays: reader.dates(members["workdays"], "workdays")
        )
    }

    /// The escalation multiples; absent means street at 1x and district at 2x the resolve time.
    private static func escalation(_ value: JSONValue?, log: IssueLog) -> EscalationPolicy {
        let reader = FieldReader(log: log, file: self.file, entry: "escalation")
        let defaults = EscalationPolicy()
        guard let members = reader.object(value, "", required: false) else {
            return defaults
        }
        var street = reader.number(members["street"], "street", required: false) ?? defaults.street
        var district = reader.number(members["district"], "district", required: false) ?? defaults.district
        if !(street > 0) || !street.isFinite {
            reader.issue("street", "must be a number > 0")
            street = defaults.street
        }
        if !(district > 0) || !district.isFinite {
            reader.issue("district", "must be a number > 0")
            district = max(defaults.district, street)
        } else if district < street {
            reader.issue("district", "must be >= street (\(street))")
        }
        return EscalationPolicy(street: street, district: district)
    }

    /// The return policy; absent means no review and no duty list. Each duty names a known
    /// category and a rule to cite.
    private static func returns(_ value: JSONValue?, categories: Set<String>, log: IssueLog) -> ReturnPolicy? {
        let reader = FieldReader(log: log, file: self.file, entry: "returns")
        guard let members = reader.object(value, "", required: false) else {
            return nil
        }
        let review = reader.bool(members["review"], "review", required: false) ?? false
        var duties: [ReturnPolicy.CommunityDuty] = []
        for (index, element) in (reader.array(members["communityDuties"], "communityDuties", required: false) ?? []).enumerated() {
            let duty = FieldReader(log: log, file: self.file, entry: "returns.communityDuties \(index)")
            guard let fields = duty.object(element, ""), let category = duty.string(fields["category"], "category"),
                let rule = duty.string(fields["rule"], "rule")
            else { continue }
            guard categories.contains(category) else {
                duty.issue("category", "unknown category '\(category)'")
                continue
            }
            duties.append(ReturnPolicy.CommunityDuty(category: category, rule: rule))
        }
        return ReturnPolicy(review: review, communityDuties: duties)
    }

    /// The ranking weights; absent means 0.2 / 0.4 / 0.4. Each is a finite number >= 0, and
    /// not all of them 0.
    private static func evaluation(_ value: JSONValue?, log: IssueLog) -> EvaluationWeights? {
        let reader = FieldReader(log: log, file: self.file, entry: "evaluation")
        guard let members = reader.object(value, "", required: false),
            let weights = reader.object(members["weights"], "weights", required: false)
        else {
            return nil
        }
        let defaults = EvaluationWeights()
        func weight(_ name: String, _ fallback: Double) -> Double {
            guard let number = reader.number(weights[name], "weights.\(name)", required: false) else { return fallback }
            guard number >= 0, number.isFinite else {
                reader.issue("weights.\(name)", "must be a number >= 0")
                return fallback
            }
            return number
        }
        let result = EvaluationWeights(
            response: weight("response", defaults.response), resolution: weight("resolution", defaults.resolution),
            satisfaction: weight("satisfaction", defaults.satisfaction)
        )
        if result.response + result.resolution + result.satisfaction <= 0 {
            reader.issue("weights", "at least one weight must be > 0")
            return nil
        }
        return result
    }

    /// `kind index (code X)`, or `kind index` when the entry has no readable code.
    private static func entry(_ kind: String, _ index: Int, _ element: JSONValue) -> String {
        guard let code = element["code"]?.stringValue?.trimmingWhitespace(), !code.isEmpty else {
            return "\(kind) \(index)"
        }
        return "\(kind) \(index) (code \(code))"
    }
}
