/// A department that takes transferred tickets (部门转办), e.g. urban management.
public struct Department: Codable, Sendable, Hashable {
    /// The department's code; also the routing key of its task queue `tasks.<code>`.
    public var code: String
    /// The department's name, e.g. 城市管理局.
    public var name: String
    /// The department's duty phone; empty when the catalog gives none.
    public var phone: String

    /// Creates a department.
    public init(code: String, name: String, phone: String = "") {
        self.code = code
        self.name = name
        self.phone = phone
    }
}
