import Foundation

/// Reads and validates a volunteers file (CONTRACTS section 16): a JSON array of
/// `{"code", "name", "phone", "community", "skills": [category codes]}`, with the optional
/// `"weekdays": [1...7]`, `"paused": bool` and `"observes": [household codes]`. Every problem is
/// reported with the entry and the field; one bad entry refuses the whole file.
public enum VolunteerFileReader {
    /// The volunteers of `data`; throws ``HouseholdFileError/invalid(_:)``-like
    /// ``VolunteerFileError`` listing every problem. `file` names the file in the issues.
    public static func read(_ data: Data, file: String, jurisdiction: Jurisdiction) throws -> [Volunteer] {
        let log = IssueLog()
        var volunteers: [Volunteer] = []
        var codes: Set<String> = []
        var phones: [String: String] = [:]
        switch Result(catching: { try JSONValue(parsing: data) }) {
        case .success(let root):
            guard let array = root.arrayValue else {
                log.add(file: file, entry: "", field: "", message: "must be a JSON array of volunteers, not \(root.kindName)")
                break
            }
            for (index, value) in array.enumerated() {
                let reader = FieldReader(log: log, file: file, entry: self.entry(index, value))
                guard let volunteer = self.volunteer(value, reader: reader, jurisdiction: jurisdiction) else { continue }
                guard codes.insert(volunteer.code).inserted else {
                    reader.issue("code", "duplicate volunteer code")
                    continue
                }
                if let other = phones[volunteer.phone] {
                    reader.issue("phone", "the same phone as volunteer \(other)")
                    continue
                }
                phones[volunteer.phone] = volunteer.code
                volunteers.append(volunteer)
            }
        case .failure(let error):
            log.add(file: file, entry: "", field: "", message: "not valid JSON (\(Jurisdiction.reason(error)))")
        }
        guard log.issues.isEmpty else { throw VolunteerFileError(issues: log.issues) }
        return volunteers
    }

    /// One volunteer given as a JSON object (an API request): issues name only the field.
    public static func one(_ value: JSONValue, jurisdiction: Jurisdiction) throws -> Volunteer {
        let log = IssueLog()
        let volunteer = self.volunteer(value, reader: FieldReader(log: log, file: "", entry: ""), jurisdiction: jurisdiction)
        guard log.issues.isEmpty, let volunteer else { throw VolunteerFileError(issues: log.issues) }
        return volunteer
    }

    /// The fields of one entry, validated against the jurisdiction.
    static func volunteer(_ value: JSONValue, reader: FieldReader, jurisdiction: Jurisdiction) -> Volunteer? {
        // Other fields (a note, an organisation) are kept out, not refused.
        guard let fields = reader.object(value, "") else { return nil }
        let code = reader.string(fields["code"], "code")
        if let code, code.count > 64 { reader.issue("code", "at most 64 characters") }
        let name = reader.string(fields["name"], "name")
        let rawPhone = reader.string(fields["phone"], "phone")
        let phone = rawPhone.flatMap(PhoneNumber.normalize)
        if rawPhone != nil, phone == nil { reader.issue("phone", "not a phone number") }
        let community = reader.string(fields["community"], "community")
        if let community, !jurisdiction.grids.contains(where: { $0.community.code == community }) {
            reader.issue("community", "unknown community '\(community)' (not in grids.geojson)")
        }
        let skills = reader.strings(fields["skills"], "skills") ?? []
        // Any category of the catalog may be named (a mediator's `neighbour_dispute`); only the
        // volunteer categories' orders are offered.
        let known = Set(jurisdiction.catalog.categories.map(\.code))
        for (index, skill) in skills.enumerated() where !known.contains(skill) {
            reader.issue("skills[\(index)]", "unknown category '\(skill)'")
        }
        var weekdays: [Int] = []
        if let days = reader.array(fields["weekdays"], "weekdays", required: false) {
            for (index, day) in days.enumerated() {
                if let number = day.intValue, (1...7).contains(number) {
                    if !weekdays.contains(number) { weekdays.append(number) }
                } else {
                    reader.issue("weekdays[\(index)]", "must be an ISO weekday 1 (Monday) to 7 (Sunday)")
                }
            }
        }
        let paused = reader.bool(fields["paused"], "paused", required: false) ?? false
        let observes = reader.strings(fields["observes"], "observes", required: false) ?? []
        guard let code, code.count <= 64, let name, let phone, let community else { return nil }
        return Volunteer(
            code: code, name: name, phone: phone, community: community, skills: skills, weekdays: weekdays.sorted(), paused: paused,
            observes: observes
        )
    }

    /// `volunteer index (code X)`, or `volunteer index` when the entry has no readable code.
    private static func entry(_ index: Int, _ element: JSONValue) -> String {
        guard let code = element["code"]?.stringValue?.trimmingWhitespace(), !code.isEmpty else { return "volunteer \(index)" }
        return "volunteer \(index) (code \(code))"
    }
}

/// Why a volunteers file or request could not be taken; nothing of it was written.
public struct VolunteerFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, each naming the file, the entry and the field.
    public var issues: [ValidationIssue]

    public var description: String {
        let count = self.issues.count
        return "invalid volunteers file (\(count) problem\(count == 1 ? "" : "s")):\n" + self.issues.map(\.description).joined(separator: "\n")
    }
}
