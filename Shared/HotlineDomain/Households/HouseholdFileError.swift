/// Why a households file could not be imported; nothing of it was written.
public enum HouseholdFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, each naming the file, the entry and the field.
    case invalid([ValidationIssue])

    public var issues: [ValidationIssue] {
        switch self {
        case .invalid(let issues): issues
        }
    }

    public var description: String {
        let count = self.issues.count
        return "invalid households file (\(count) problem\(count == 1 ? "" : "s")):\n" + self.issues.map(\.description).joined(separator: "\n")
    }
}
