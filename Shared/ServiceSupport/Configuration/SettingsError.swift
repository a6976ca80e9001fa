/// A setting that cannot be used; the service refuses to start with it.
public struct SettingsError: Error, CustomStringConvertible {
    /// The environment variable.
    public var key: String
    /// What is wrong with it (never a secret's value).
    public var message: String

    /// Creates the error.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(self.key): \(self.message)" }
}
