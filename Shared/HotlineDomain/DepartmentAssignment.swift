/// A department sent a ticket, and its part in the case.
public struct DepartmentAssignment: Codable, Sendable, Hashable {
    /// The department's code.
    public var code: String
    /// The department's name.
    public var name: String
    /// Lead or assisting.
    public var role: DepartmentRole

    /// Creates an assignment.
    public init(code: String, name: String, role: DepartmentRole) {
        self.code = code
        self.name = name
        self.role = role
    }
}
