/// A department that takes transferred tickets (部门转办), e.g. urban management.
public struct Department: Codable, Sendable, Hashable {
    /// The department's code; also the routing key of its task queue `tasks.<code>`.
    public var code: String
    /// The department's name, e.g. 城市管理局.
    public var name: String
    /// The department's duty phone; empty when the catalog gives none.
    public var phone: String
    /// The department's RabbitMQ user (`amqpUser` in the catalog): when set, a reply for this
    /// department is applied only if its AMQP `user_id` property names this user.
    public var amqpUser: String?

    /// Creates a department.
    public init(code: String, name: String, phone: String = "", amqpUser: String? = nil) {
        self.code = code
        self.name = name
        self.phone = phone
        self.amqpUser = amqpUser
    }
}
