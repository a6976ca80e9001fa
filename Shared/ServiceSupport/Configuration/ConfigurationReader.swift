import Configuration
import Foundation
import Logging

/// Reads settings from the environment through swift-configuration: a `ConfigReader` over an
/// `EnvironmentVariablesProvider` that knows which variables are secret (so the library's own
/// descriptions and access logs redact them too).
///
/// A variable that is unset or empty takes its default; one that is set but not a good value
/// throws a ``SettingsError`` naming it, which stops the service at start.
public struct ConfigurationReader: Sendable {
    private let reader: ConfigReader

    /// A reader of `environment` (the process environment by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let secret = Set(ConfigurationCatalog.allKeys.filter { $0.secrecy != .none }.map(\.name))
        let provider = EnvironmentVariablesProvider(
            environmentVariables: environment, secretsSpecifier: .dynamic { name, _ in secret.contains(name) }
        )
        self.reader = ConfigReader(provider: provider)
    }

    /// The text of `key` as given, nil when unset or empty.
    public func text(_ key: ConfigurationKey) -> String? {
        self.reader.string(forKey: ConfigKey([key.name]), isSecret: key.secrecy != .none).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of `setting`: decoded from its text, or its default when unset.
    public func read<Value>(_ setting: Setting<Value>) throws -> Value {
        guard let text = self.text(setting.key) else { return setting.whenUnset }
        guard let value = setting.decode(text) else {
            let shown = setting.key.secrecy == .whole ? "the value given" : "'\(setting.key.shown(text))'"
            throw SettingsError(key: setting.key.name, message: "\(shown) is not \(setting.expected)")
        }
        return value
    }

    /// Each key's effective text, secrets redacted: the value given, else the default, else `unset`.
    public func effective(_ keys: [ConfigurationKey]) -> [(name: String, value: String)] {
        keys.map { key in
            if let text = self.text(key) { return (key.name, key.shown(text)) }
            return (key.name, key.defaultText.map(key.shown) ?? "unset")
        }
    }

    /// ``effective(_:)`` as log metadata, for the line each service writes at start.
    public func metadata(_ keys: [ConfigurationKey]) -> Logger.Metadata {
        Logger.Metadata(uniqueKeysWithValues: self.effective(keys).map { ($0.name, .string($0.value)) })
    }
}
