/// A key with the way its text becomes a value: what a service reads through
/// ``ConfigurationReader/read(_:)``.
public struct Setting<Value: Sendable>: Sendable {
    /// The key: name, type, default, meaning, secrecy.
    public let key: ConfigurationKey
    /// What a good value looks like, for the error naming a bad one (`an integer`, ...).
    public let expected: String
    /// The value of a text, or nil when the text is not one.
    public let decode: @Sendable (String) -> Value?
    /// The value when the variable is unset or empty.
    public let whenUnset: Value

    /// A setting whose unset value is the decoded default text.
    public init(key: ConfigurationKey, expected: String, whenUnset: Value, decode: @escaping @Sendable (String) -> Value?) {
        self.key = key
        self.expected = expected
        self.whenUnset = whenUnset
        self.decode = decode
    }
}
