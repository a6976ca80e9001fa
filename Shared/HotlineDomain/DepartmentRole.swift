/// A department's part in a 1+N joint case (1+N 联办).
public enum DepartmentRole: String, Codable, Sendable, CaseIterable {
    /// The one department answering for the result.
    case lead
    /// A department reporting in to help the lead.
    case assist
}
