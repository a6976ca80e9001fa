import Foundation

/// Reads a households file, JSON (the contract's array) or CSV (one row per member, for
/// spreadsheets), validating every entry and placing each household in a grid.
///
/// CSV columns, by header name, in any order: `code`, `address`, `grid`, `lat`, `lon`, `kind`,
/// `checkin`, `watcher_name`, `watcher_phone`, `member_name`, `member_phone`, `birth_year`,
/// `flags` (separated by `;`). Rows with the same `code` are one household: the household
/// columns are read from its first row, each row adds its member (a row without `member_name`
/// adds none).
public enum HouseholdFileReader {
    /// The CSV columns, as the header must name them.
    public static let csvColumns = [
        "code", "address", "grid", "lat", "lon", "kind", "checkin", "watcher_name", "watcher_phone", "member_name",
        "member_phone", "birth_year", "flags",
    ]

    /// The households of a file; throws ``HouseholdFileError/invalid(_:)`` listing every problem.
    /// `file` names the file in issues; a name ending in `.csv` is read as CSV.
    public static func read(_ data: Data, file: String, grids: GridIndex, currentYear: Int) throws -> [Household] {
        let log = IssueLog()
        var households: [Household] = []
        var seen: Set<String> = []
        func add(_ household: Household?, reader: FieldReader) {
            guard let household else { return }
            guard seen.insert(household.code).inserted else { return reader.issue("code", "duplicate household code") }
            households.append(household)
        }
        if file.lowercased().hasSuffix(".csv") {
            for group in CSVHouseholds.groups(String(decoding: data, as: UTF8.self), file: file, log: log) {
                // Validate in the JSON shape, then point each issue at its row and column.
                let local = IssueLog()
                let reader = FieldReader(log: local, file: file, entry: "")
                add(self.household(group.value, reader: reader, grids: grids, currentYear: currentYear), reader: reader)
                for issue in local.issues {
                    let (entry, field) = CSVHouseholds.locate(issue, in: group)
                    log.add(file: file, entry: entry, field: field, message: issue.message)
                }
            }
        } else {
            switch Result(catching: { try JSONValue(parsing: data) }) {
            case .success(let root):
                guard let array = root.arrayValue else {
                    log.add(file: file, entry: "", field: "", message: "must be a JSON array of households, not \(root.kindName)")
                    break
                }
                for (index, value) in array.enumerated() {
                    let reader = FieldReader(log: log, file: file, entry: self.entry(index, value))
                    add(self.household(value, reader: reader, grids: grids, currentYear: currentYear), reader: reader)
                }
            case .failure(let error):
                log.add(file: file, entry: "", field: "", message: "not valid JSON (\(Jurisdiction.reason(error)))")
            }
        }
        guard log.issues.isEmpty else { throw HouseholdFileError.invalid(log.issues) }
        return households
    }

    /// One household given as a JSON object (an API request): issues name only the field.
    public static func one(_ value: JSONValue, grids: GridIndex, currentYear: Int) throws -> Household {
        let log = IssueLog()
        let household = self.household(value, reader: FieldReader(log: log, file: "", entry: ""), grids: grids, currentYear: currentYear)
        guard log.issues.isEmpty, let household else { throw HouseholdFileError.invalid(log.issues) }
        return household
    }

    /// One validated household, or `nil` after logging why not.
    static func household(_ value: JSONValue, reader: FieldReader, grids: GridIndex, currentYear: Int) -> Household? {
        guard let fields = reader.object(value, "") else { return nil }
        let code = reader.string(fields["code"], "code")
        let address = reader.string(fields["address"], "address")
        let kind = reader.choice(fields["kind"], "kind", as: HouseholdKind.self, required: false) ?? .residential
        let checkin = reader.bool(fields["checkin"], "checkin", required: false) ?? false
        let coordinate = self.coordinate(fields, reader: reader)
        let watcher = fields["watcher"].flatMap { $0 == .null ? nil : $0 }.flatMap { self.contact($0, "watcher", reader: reader) }
        var members: [Household.Member] = []
        for (index, element) in (reader.array(fields["members"], "members", required: false) ?? []).enumerated() {
            if let member = self.member(element, "members[\(index)]", reader: reader, currentYear: currentYear) {
                members.append(member)
            }
        }
        let grid = self.place(fields["grid"], coordinate: coordinate, address: address, reader: reader, grids: grids)
        if checkin, kind == .commercial {
            reader.issue("checkin", "a commercial household gets no daily check-in")
        }
        guard let code, let address, let grid else { return nil }
        let household = Household(
            code: code, address: address, grid: grid, coordinate: coordinate, kind: kind, checkin: checkin, watcher: watcher,
            members: members
        )
        if checkin, household.checkinRecipient == nil {
            reader.issue("checkin", "needs a member's or the watcher's phone to send the check-in to")
        }
        return household
    }

    /// The grid: given (must exist), else by point in polygon, else by address alias.
    private static func place(
        _ given: JSONValue?, coordinate: Coordinate?, address: String?, reader: FieldReader, grids: GridIndex
    ) -> String? {
        if let code = reader.string(given, "grid", required: false) {
            guard grids.grid(code: code) != nil else {
                reader.issue("grid", "unknown grid '\(code)'")
                return nil
            }
            return code
        }
        if let coordinate, let grid = grids.grid(containing: coordinate) { return grid.code }
        if let address, let match = grids.grid(matchingAddress: address) { return match.grid.code }
        if coordinate != nil || address != nil {
            reader.issue("grid", "not given, and neither lat/lon nor the address places the household in a grid")
        }
        return nil
    }

    private static func coordinate(_ fields: [String: JSONValue], reader: FieldReader) -> Coordinate? {
        let lat = reader.number(fields["lat"], "lat", required: false)
        let lon = reader.number(fields["lon"], "lon", required: false)
        switch (lat, lon) {
        case let (lat?, lon?):
            let point = Coordinate(lat: lat, lon: lon)
            guard point.isValid else {
                reader.issue("lat", "(\(lat), \(lon)) is not a valid position")
                return nil
            }
            return point
        case (nil, nil):
            return nil
        default:
            reader.issue(lat == nil ? "lat" : "lon", "lat and lon go together")
            return nil
        }
    }

    private static func contact(_ value: JSONValue, _ field: String, reader: FieldReader) -> Contact? {
        guard let contact = reader.contact(value, field) else { return nil }
        guard let phone = PhoneNumber.normalize(contact.phone) else {
            reader.issue(field + ".phone", "'\(PhoneNumber.mask(contact.phone))' is not a mobile number")
            return nil
        }
        return Contact(name: contact.name, phone: phone)
    }

    private static func member(_ value: JSONValue, _ field: String, reader: FieldReader, currentYear: Int) -> Household.Member? {
        guard let fields = reader.object(value, field) else { return nil }
        let name = reader.string(fields["name"], field + ".name")
        var phone: String?
        if let raw = reader.string(fields["phone"], field + ".phone", required: false) {
            phone = PhoneNumber.normalize(raw)
            if phone == nil { reader.issue(field + ".phone", "'\(PhoneNumber.mask(raw))' is not a mobile number") }
        }
        let birthYear = reader.int(fields["birthYear"], field + ".birthYear", minimum: 1880, required: false)
        if let birthYear, birthYear > currentYear {
            reader.issue(field + ".birthYear", "\(birthYear) is in the future")
        }
        var flags: [MemberFlag] = []
        for (index, text) in (reader.strings(fields["flags"], field + ".flags", required: false) ?? []).enumerated() {
            guard let flag = MemberFlag(rawValue: text) else {
                reader.issue(
                    "\(field).flags[\(index)]",
                    "unknown flag '\(text)' (expected one of: \(MemberFlag.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
                continue
            }
            if !flags.contains(flag) { flags.append(flag) }
        }
        guard let name else { return nil }
        return Household.Member(name: name, phone: phone, birthYear: birthYear, flags: flags)
    }

    /// `household 3 (code H-0004)`, or `household 3` without a readable code.
    private static func entry(_ index: Int, _ value: JSONValue) -> String {
        guard let code = value["code"]?.stringValue?.trimmingWhitespace(), !code.isEmpty else { return "household \(index)" }
        return "household \(index) (code \(code))"
    }
}
