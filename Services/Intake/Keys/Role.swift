/// Roles a key can hold (CONTRACTS section 9; docs/security.md says what each may do).
enum Role: String, Codable, Sendable, CaseIterable {
    case operator_ = "operator", department, admin, open311, grid, secretary, volunteer, screen

    /// The scope field a key of this role must name, if any (`department`, `grid`, `community`
    /// or `volunteer`); every other scope field must be absent.
    var scopeField: String? {
        switch self {
        case .department: "department"
        case .grid: "grid"
        case .secretary: "community"
        case .volunteer: "volunteer"
        case .operator_, .admin, .open311, .screen: nil
        }
    }
}
