/// Why a jurisdiction could not be loaded.
public enum JurisdictionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The files are unreadable, not JSON, or break the rules; every problem found is listed.
    case invalid([ValidationIssue])

    /// The issues, one per line.
    public var description: String {
        switch self {
        case .invalid(let issues):
            let lines = issues.map(\.description)
            return "invalid jurisdiction (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n" + lines.joined(separator: "\n")
        }
    }

    /// The issues found.
    public var issues: [ValidationIssue] {
        switch self {
        case .invalid(let issues): issues
        }
    }
}
