/// One environment variable a service reads: its name, the kind of value, the default, what it
/// means and whether its value may be logged. Declared once (in the service's configuration
/// type); the start log, `<service> config` and the table of docs/interfaces.md all come from it.
public struct ConfigurationKey: Sendable, Hashable {
    /// The environment variable, e.g. `DATABASE_URL`.
    public let name: String
    /// The kind of value, for people: `int`, `ISO 8601 duration`, `URL`, `path`...
    public let type: String
    /// The value used when the variable is unset or empty, as written in the docs; nil: unset.
    public let defaultText: String?
    /// What it means, one sentence of Markdown.
    public let meaning: String
    /// How much of its value a log may show.
    public let secrecy: Secrecy

    /// How much of a value a log, an error or `config` may show.
    public enum Secrecy: Sendable, Hashable {
        /// All of it.
        case none
        /// Nothing: `***`.
        case whole
        /// A URL (or comma-separated URLs) whose passwords are replaced by `***`.
        case urlPassword
    }

    /// Declares a key.
    public init(_ name: String, type: String, default defaultText: String?, secrecy: Secrecy = .none, meaning: String) {
        self.name = name
        self.type = type
        self.defaultText = defaultText
        self.meaning = meaning
        self.secrecy = secrecy
    }

    /// `text` as it may be shown: whole, without its passwords, or `***`.
    public func shown(_ text: String) -> String {
        switch self.secrecy {
        case .none: text
        case .whole: "***"
        case .urlPassword: ConfigurationRedaction.redactingURLPasswords(text)
        }
    }
}
