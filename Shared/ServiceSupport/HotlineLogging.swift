import Foundation
import Logging

/// Bootstraps swift-log once per process: readable lines for people, JSON lines for collectors.
public enum HotlineLogging {
    /// Call once from `main`, before anything logs.
    public static func bootstrap(service: String, settings: HotlineSettings) {
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        let json = settings.jsonLogs
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                json ? JSONLogHandler(label: label, service: service) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// One JSON object per line on standard error, with the metadata flattened in.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The service name written into each line.
    public let service: String
    /// Per-handler metadata.
    public var metadata: Logger.Metadata = [:]
    /// Minimum level logged.
    public var logLevel: Logger.Level = .info

    /// Creates a handler for `label` in `service`.
    public init(label: String, service: String) {
        self.label = label
        self.service = service
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "ts": ISO8601DateFormatter().string(from: Date()),
            "level": event.level.rawValue,
            "service": self.service,
            "logger": self.label,
            "msg": event.message.description,
        ]
        for (key, value) in self.metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = value.description
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
