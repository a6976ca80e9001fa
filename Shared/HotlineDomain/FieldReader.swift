/// Reads typed fields out of one entry of a jurisdiction file, logging a precise issue (file,
/// entry, field) for each one that is missing or of the wrong type.
struct FieldReader {
    /// Where issues go.
    let log: IssueLog
    /// The file being read.
    let file: String
    /// The entry being read, e.g. `feature 3 (code 620402001)`.
    let entry: String

    /// Logs an issue about a field of this entry.
    func issue(_ field: String, _ message: String) {
        self.log.add(file: self.file, entry: self.entry, field: field, message: message)
    }

    /// Whether a value is absent (missing key or `null`); logs `required` when it must be there.
    private func absent(_ value: JSONValue?, _ field: String, required: Bool) -> Bool {
        guard let value, value != .null else {
            if required {
                self.issue(field, "required")
            }
            return true
        }
        return false
    }

    /// An object field.
    func object(_ value: JSONValue?, _ field: String, required: Bool = true) -> [String: JSONValue]? {
        if self.absent(value, field, required: required) {
            return nil
        }
        guard let members = value?.objectValue else {
            self.issue(field, "must be an object, not \(value?.kindName ?? "nothing")")
            return nil
        }
        return members
    }

    /// An array field.
    func array(_ value: JSONValue?, _ field: String, required: Bool = true) -> [JSONValue]? {
        if self.absent(value, field, required: required) {
            return nil
        }
        guard let elements = value?.arrayValue else {
            self.issue(field, "must be an array, not \(value?.kindName ?? "nothing")")
            return nil
        }
        return elements
    }

    /// A non-empty string field (surrounding white space is dropped).
    func string(_ value: JSONValue?, _ field: String, required: Bool = true) -> String? {
        if self.absent(value, field, required: required) {
            return nil
        }
        guard let text = value?.stringValue else {
            self.issue(field, "must be a string, not \(value?.kindName ?? "nothing")")
            return nil
        }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            self.issue(field, "must not be empty")
            return nil
        }
        // PostgreSQL's text holds no NUL: refused here by name, not as a storage error later.
        guard !trimmed.unicodeScalars.contains("\u{0}") else {
            self.issue(field, "contains a NUL character")
            return nil
        }
        return trimmed
    }

    /// A whole-number field of at least `minimum`.
    func int(_ value: JSONValue?, _ field: String, minimum: Int, required: Bool = true) -> Int? {
        if self.absent(value, field, required: required) {
            return nil
        }
        guard let number = value?.intValue, number >= minimum else {
            self.issue(field, "must be an integer >= \(minimum)")
            return nil
        }
        return number
    }

    /// A number field.
    func number(_ value: JSONValue?, _ field: String, required: Bool = true) -> Double? {
        if self.absent(value, field, required: required) {
            return nil
        }
        guard let number = value?.doubleValue else {
            self.issue(field, "must be a number, not \(value?.kindName ?? "nothing")")
            return nil
        }
        return number
    }

    /// A boolean field.
    func bool(_ value: JSONValue?, _ field: String, required: Bool = true) -> Bool? {
        if self.absent(value, field, required: required) {
            return nil
        }
        guard let flag = value?.boolValue else {
            self.issue(field, "must be true or false, not \(value?.kindName ?? "nothing")")
            return nil
        }
        return flag
    }

    /// An array of non-empty strings; bad elements are reported by index and skipped.
    func strings(_ value: JSONValue?, _ field: String, required: Bool = true) -> [String]? {
        guard let elements = self.array(value, field, required: required) else {
            return nil
        }
        return elements.enumerated().compactMap { index, element in
            self.string(element, "\(field)[\(index)]")
        }
    }

    /// A `{code, name}` object.
    func area(_ value: JSONValue?, _ field: String) -> Area? {
        guard let members = self.object(value, field) else {
            return nil
        }
        let code = self.string(members["code"], field + ".code")
        let name = self.string(members["name"], field + ".name")
        guard let code, let name else {
            return nil
        }
        return Area(code: code, name: name)
    }

    /// A `{name, phone}` object.
    func contact(_ value: JSONValue?, _ field: String) -> Contact? {
        guard let members = self.object(value, field) else {
            return nil
        }
        let name = self.string(members["name"], field + ".name")
        let phone = self.string(members["phone"], field + ".phone")
        guard let name, let phone else {
            return nil
        }
        return Contact(name: name, phone: phone)
    }

    /// One of an enum's raw values, listing the allowed ones when the value is unknown.
    func choice<T: RawRepresentable & CaseIterable>(
        _ value: JSONValue?, _ field: String, as type: T.Type, required: Bool = true
    ) -> T? where T.RawValue == String {
        guard let text = self.string(value, field, required: required) else {
            return nil
        }
        guard let choice = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            self.issue(field, "unknown value '\(text)' (expected one of: \(allowed))")
            return nil
        }
        return choice
    }

    /// An ISO 8601 duration string.
    func duration(_ value: JSONValue?, _ field: String) -> ISODuration? {
        guard let text = self.string(value, field) else {
            return nil
        }
        guard let duration = ISODuration(text) else {
            self.issue(field, "'\(text)' is not an ISO 8601 duration (e.g. PT30M, PT24H, P5D)")
            return nil
        }
        return duration
    }

    /// An array of `YYYY-MM-DD` dates; bad elements are reported by index and skipped.
    func dates(_ value: JSONValue?, _ field: String) -> [LocalDate] {
        guard let elements = self.array(value, field, required: false) else {
            return []
        }
        return elements.enumerated().compactMap { index, element in
            guard let text = self.string(element, "\(field)[\(index)]") else {
                return nil
            }
            guard let date = LocalDate(text) else {
                self.issue("\(field)[\(index)]", "'\(text)' is not a YYYY-MM-DD date")
                return nil
            }
            return date
        }
    }
}
