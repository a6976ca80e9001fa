/// Collects every problem found while reading the jurisdiction files, so that one run reports
/// all of them instead of the first.
///
/// A class because the readers of both files append to one log; it never leaves the loading
/// call, so it needs no `Sendable`.
final class IssueLog {
    /// The problems found so far, in the order they were found.
    private(set) var issues: [ValidationIssue] = []

    /// Creates an empty log.
    init() {}

    /// Records a problem.
    func add(file: String, entry: String, field: String, message: String) {
        self.issues.append(ValidationIssue(file: file, entry: entry, field: field, message: message))
    }
}
