/// What each service's configuration type offers: its keys, and reading them.
public protocol ServiceConfiguration: Sendable {
    /// Every key the service reads, common ones first.
    static var keys: [ConfigurationKey] { get }
    /// Reads the configuration; a bad value throws a ``SettingsError`` naming its variable.
    init(reader: ConfigurationReader) throws
}

extension IntakeConfiguration: ServiceConfiguration {}
extension DispatcherConfiguration: ServiceConfiguration {}
extension NotifierConfiguration: ServiceConfiguration {}

extension ServiceConfiguration {
    /// The effective configuration as `KEY=value` lines, secrets redacted, after checking every
    /// value (what `<service> config` prints; the same text the start log carries).
    public static func listing(reader: ConfigurationReader = ConfigurationReader()) throws -> String {
        _ = try Self(reader: reader)
        return reader.effective(Self.keys).map { "\($0.name)=\($0.value)\n" }.joined()
    }
}
