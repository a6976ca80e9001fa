/// The CSV form of the households file: rows grouped into the JSON shape the reader validates,
/// and issues pointed back at the row and column a spreadsheet user sees.
struct CSVHouseholds {
    /// One household's rows: its JSON shape, the row of its first line and the row of each member.
    struct Group {
        var code: String
        var firstRow: Int
        var memberRows: [Int]
        var value: JSONValue
    }

    /// The households of a CSV text, grouped by code; header and quoting problems go to `log`.
    static func groups(_ text: String, file: String, log: IssueLog) -> [Group] {
        let rows = CSVParser.rows(text)
        guard let header = rows.first?.map({ $0.trimmingWhitespace().lowercased() }), header.contains("code") else {
            log.add(file: file, entry: "row 1", field: "", message: "the first row must name the columns: \(HouseholdFileReader.csvColumns.joined(separator: ","))")
            return []
        }
        for column in header where !HouseholdFileReader.csvColumns.contains(column) {
            log.add(file: file, entry: "row 1", field: column, message: "unknown column (expected: \(HouseholdFileReader.csvColumns.joined(separator: ",")))")
        }
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for (offset, cells) in rows.dropFirst().enumerated() where !cells.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            let row = offset + 2
            var cell: [String: String] = [:]
            for (position, name) in header.enumerated() where position < cells.count {
                let value = cells[position].trimmingWhitespace()
                if !value.isEmpty { cell[name] = value }
            }
            if cells.count > header.count {
                log.add(file: file, entry: "row \(row)", field: "", message: "\(cells.count) cells, but the header names \(header.count) columns")
            }
            guard let code = cell["code"] else {
                log.add(file: file, entry: "row \(row)", field: "code", message: "required")
                continue
            }
            if index[code] == nil {
                index[code] = groups.count
                groups.append(Group(code: code, firstRow: row, memberRows: [], value: self.household(cell)))
            }
            if let member = self.member(cell) {
                let position = index[code]!
                groups[position].memberRows.append(row)
                if case .object(var fields) = groups[position].value {
                    fields["members"] = .array((fields["members"]?.arrayValue ?? []) + [member])
                    groups[position].value = .object(fields)
                }
            }
        }
        return groups
    }

    /// The household columns of a row, typed as the JSON file types them.
    private static func household(_ cell: [String: String]) -> JSONValue {
        var fields: [String: JSONValue] = ["members": .array([])]
        for key in ["code", "address", "grid", "kind"] { fields[key] = cell[key].map(JSONValue.string) }
        for key in ["lat", "lon"] { fields[key] = cell[key].map { Double($0).map(JSONValue.number) ?? .string($0) } }
        if let checkin = cell["checkin"] {
            let truth = ["true": true, "1": true, "yes": true, "是": true, "false": false, "0": false, "no": false, "否": false]
            fields["checkin"] = truth[checkin.lowercased()].map(JSONValue.bool) ?? .string(checkin)
        }
        if cell["watcher_name"] != nil || cell["watcher_phone"] != nil {
            fields["watcher"] = .object(["name": cell["watcher_name"].map(JSONValue.string) ?? .null, "phone": cell["watcher_phone"].map(JSONValue.string) ?? .null])
        }
        return .object(fields)
    }

    /// The member columns of a row, if it names a member.
    private static func member(_ cell: [String: String]) -> JSONValue? {
        guard let name = cell["member_name"] else {
            return cell["member_phone"] != nil || cell["birth_year"] != nil || cell["flags"] != nil ? .object([:]) : nil
        }
        var fields: [String: JSONValue] = ["name": .string(name)]
        fields["phone"] = cell["member_phone"].map(JSONValue.string)
        fields["birthYear"] = cell["birth_year"].map { Int($0).map { .number(Double($0)) } ?? .string($0) }
        fields["flags"] = cell["flags"].map { text in
            .array(text.split(separator: ";").map { .string(String($0).trimmingWhitespace()) }.filter { $0 != .string("") })
        }
        return .object(fields)
    }

    /// An issue found in a group's JSON shape, pointed at the CSV row and column.
    static func locate(_ issue: ValidationIssue, in group: Group) -> (entry: String, field: String) {
        let columns = [
            "name": "member_name", "phone": "member_phone", "birthYear": "birth_year", "watcher.name": "watcher_name",
            "watcher.phone": "watcher_phone",
        ]
        if issue.field.hasPrefix("members["), let close = issue.field.firstIndex(of: "]"),
            let position = Int(issue.field[issue.field.index(issue.field.startIndex, offsetBy: 8)..<close]),
            position < group.memberRows.count
        {
            var rest = String(issue.field[issue.field.index(after: close)...])
            if rest.hasPrefix(".") { rest.removeFirst() }
            if rest.hasPrefix("flags") { rest = "flags" }
            return ("row \(group.memberRows[position]) (code \(group.code))", columns[rest] ?? rest)
        }
        return ("row \(group.firstRow) (code \(group.code))", columns[issue.field] ?? issue.field)
    }
}

/// RFC 4180 CSV: fields separated by commas, optionally quoted with `"` (a doubled `""` is a
/// quote), rows by CRLF or LF; a leading byte-order mark is dropped.
enum CSVParser {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                row.append(field)
                rows.append(row)
                (row, field) = ([], "")
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
