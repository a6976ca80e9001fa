/// A person to notify, such as a grid worker or a community secretary.
public struct Contact: Codable, Sendable, Hashable {
    /// The person's name.
    public var name: String
    /// The person's phone number as given in the jurisdiction file.
    public var phone: String

    /// Creates a contact.
    public init(name: String, phone: String) {
        self.name = name
        self.phone = phone
    }
}
