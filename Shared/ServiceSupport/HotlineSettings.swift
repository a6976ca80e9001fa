import Foundation
import HotlineDomain

/// Configuration shared by the three services, read once from the environment (12-factor).
///
/// Keys, with type and default:
/// - `DATABASE_URL` (postgres URL, `postgres://hotline@127.0.0.1:15432/hotline`)
/// - `DATABASE_READ_URL` (postgres URL of a streaming replica, unset: `DATABASE_URL`): where
///   intake's statistics, big screen, rankings and reports read
/// - `AMQP_URL` (amqp or amqps URL, `amqp://guest:guest@127.0.0.1:5682/%2f`)
/// - `LOG_LEVEL` (trace...critical, `info`), `LOG_FORMAT` (`text` | `json`, `text`)
/// - `INTAKE_HTTP_PORT` (8080), `DISPATCHER_HTTP_PORT` (8081), `NOTIFIER_HTTP_PORT` (8082)
/// - `HTTP_HOST` (`127.0.0.1`; `0.0.0.0` in containers)
/// - `TZ` (IANA zone of the business calendar, `Asia/Shanghai`)
/// - `PG_POOL_SIZE` (int, 8), `AMQP_PREFETCH` (int, 200)
public struct HotlineSettings: Sendable {
    /// The PostgreSQL connection URL.
    public var databaseURL: String
    /// The URL that read-only aggregates (statistics, screen, rankings, reports) use: a
    /// streaming replica's, or nil to read from `databaseURL`.
    public var databaseReadURL: String?
    /// The AMQP broker URL.
    public var amqpURL: String
    /// Log level name.
    public var logLevel: String
    /// Whether logs are one JSON object per line.
    public var jsonLogs: Bool
    /// Address the HTTP servers bind to.
    public var httpHost: String
    /// Intake's HTTP port.
    public var intakePort: Int
    /// Dispatcher's HTTP port.
    public var dispatcherPort: Int
    /// Notifier's HTTP port.
    public var notifierPort: Int
    /// Time zone of the jurisdiction's business calendar.
    public var timeZone: TimeZone
    /// Connections per service pool.
    public var poolSize: Int
    /// Deliveries a consumer holds unacknowledged.
    public var prefetch: Int
    /// The raw environment, for service-specific keys.
    public var environment: [String: String]

    /// Reads the settings from `environment` (the process environment by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        self.databaseURL = environment["DATABASE_URL"] ?? "postgres://hotline@127.0.0.1:15432/hotline"
        self.databaseReadURL = environment["DATABASE_READ_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.amqpURL = environment["AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5682/%2f"
        self.logLevel = environment["LOG_LEVEL"] ?? "info"
        self.jsonLogs = environment["LOG_FORMAT"] == "json"
        self.httpHost = environment["HTTP_HOST"] ?? "127.0.0.1"
        self.intakePort = try Self.int(environment, "INTAKE_HTTP_PORT", default: 8080)
        self.dispatcherPort = try Self.int(environment, "DISPATCHER_HTTP_PORT", default: 8081)
        self.notifierPort = try Self.int(environment, "NOTIFIER_HTTP_PORT", default: 8082)
        let zone = environment["TZ"].flatMap { $0.isEmpty ? nil : $0 } ?? "Asia/Shanghai"
        guard let timeZone = TimeZone(identifier: zone.hasPrefix(":") ? String(zone.dropFirst()) : zone) else {
            throw SettingsError(key: "TZ", message: "unknown time zone '\(zone)'")
        }
        self.timeZone = timeZone
        self.poolSize = try Self.int(environment, "PG_POOL_SIZE", default: 8)
        self.prefetch = try Self.int(environment, "AMQP_PREFETCH", default: 200)
    }

    /// An integer setting, or a clear error naming the key.
    public static func int(_ environment: [String: String], _ key: String, default value: Int) throws -> Int {
        guard let text = environment[key], !text.isEmpty else { return value }
        guard let number = Int(text) else { throw SettingsError(key: key, message: "'\(text)' is not an integer") }
        return number
    }
}

/// A setting that cannot be used; the service refuses to start with it.
public struct SettingsError: Error, CustomStringConvertible {
    /// The environment variable.
    public var key: String
    /// What is wrong with it.
    public var message: String

    /// Creates the error.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(self.key): \(self.message)" }
}

extension HotlineSettings {
    /// An ISO 8601 duration setting in seconds, or a clear error naming the key.
    public func duration(_ key: String, default value: String) throws -> TimeInterval {
        let text = self.environment[key].flatMap { $0.isEmpty ? nil : $0 } ?? value
        guard let duration = ISODuration(text) else {
            throw SettingsError(key: key, message: "'\(text)' is not an ISO 8601 duration (e.g. PT30M, P3D)")
        }
        return duration.seconds
    }
}
