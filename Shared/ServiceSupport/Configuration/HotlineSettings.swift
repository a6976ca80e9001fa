import Foundation
import Logging
import Postgres

/// The part of the configuration every service reads (12-factor: from the environment, once, at
/// start). Each key is declared once in ``Key`` with its type, default and meaning; the services'
/// own keys are in ``IntakeConfiguration``, ``DispatcherConfiguration`` and ``NotifierConfiguration``.
public struct HotlineSettings: Sendable {
    /// The PostgreSQL connection URL.
    public var databaseURL: String
    /// Where read-only aggregates (statistics, screen, rankings, reports) read: a streaming
    /// replica's URL, or nil to read from `databaseURL`.
    public var databaseReadURL: String?
    /// The AMQP broker URL(s).
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
    /// When the pools' sessions prepare statements afresh, and whether they keep generic plans.
    public var preparing: PreparedStatementPolicy

    /// The keys, each declared once.
    public enum Key {
        /// `DATABASE_URL`.
        public static let databaseURL = Setting.postgresURL(
            "DATABASE_URL", default: "postgres://hotline@127.0.0.1:15432/hotline", meaning: "the PostgreSQL database"
        )
        /// `DATABASE_READ_URL`.
        public static let databaseReadURL = Setting.optional(
            "DATABASE_READ_URL", type: "postgres URL", secrecy: .urlPassword,
            meaning: "a streaming replica that intake's statistics, big screen, rankings and reports read ([scaling.md](scaling.md)); unset: `DATABASE_URL`"
        )
        /// `AMQP_URL`.
        public static let amqpURL = Setting.amqpURL(
            "AMQP_URL", default: "amqp://guest:guest@127.0.0.1:5682/%2f",
            meaning:
                "the broker, `amqp://user:pass@host:port/vhost`; `amqps://` for TLS (`?cacertfile=` names a private CA); several comma-separated URLs for the nodes of a [cluster](cluster.md)"
        )
        /// `LOG_LEVEL`.
        public static let logLevel = Setting.choice(
            "LOG_LEVEL", Logger.Level.allCases.map(\.rawValue), default: "info", meaning: "the least severe level logged"
        )
        /// `LOG_FORMAT`.
        public static let logFormat = Setting.choice(
            "LOG_FORMAT", ["text", "json"], default: "text", meaning: "`json` for one object per line"
        )
        /// `HTTP_HOST`.
        public static let httpHost = Setting.text(
            "HTTP_HOST", type: "host", default: "127.0.0.1", meaning: "address the HTTP servers bind to (`0.0.0.0` in containers)"
        )
        /// `INTAKE_HTTP_PORT`.
        public static let intakePort = Setting.int("INTAKE_HTTP_PORT", default: 8080, range: 0...65_535, meaning: "intake's HTTP port")
        /// `DISPATCHER_HTTP_PORT`.
        public static let dispatcherPort = Setting.int(
            "DISPATCHER_HTTP_PORT", default: 8081, range: 0...65_535, meaning: "the dispatcher's HTTP port"
        )
        /// `NOTIFIER_HTTP_PORT`.
        public static let notifierPort = Setting.int("NOTIFIER_HTTP_PORT", default: 8082, range: 0...65_535, meaning: "the notifier's HTTP port")
        /// `TZ`.
        public static let timeZone = Setting.timeZone(
            "TZ", default: "Asia/Shanghai",
            meaning: "the time zone of the business calendar: deadlines, quiet hours, check-in time, \"today\""
        )
        /// `PG_POOL_SIZE`.
        public static let poolSize = Setting.int("PG_POOL_SIZE", default: 8, range: 1...Int.max, meaning: "database connections per service")
        /// `POSTGRES_GENERIC_PLANS`.
        public static let genericPlans = Setting.choice(
            "POSTGRES_GENERIC_PLANS", ["1", "0"], default: "1",
            meaning: "`0`: the hot statements marked for one generic plan get PostgreSQL's own choice of plans instead ([benchmark.md](benchmark.md#generic-plans))"
        )
        /// `POSTGRES_REPREPARE_SECONDS`.
        public static let reprepareSeconds = Setting.int(
            "POSTGRES_REPREPARE_SECONDS", default: 960, range: 1...Int.max,
            meaning: "the longest a prepared statement is kept before it is prepared afresh (first after 15 s, then twice as long each time)"
        )
        /// `AMQP_PREFETCH`.
        public static let prefetch = Setting.int(
            "AMQP_PREFETCH", default: 200, range: 0...65_535, meaning: "deliveries a consumer holds unacknowledged (`0`: no limit)"
        )
    }

    /// The keys every service reads, in the order of the docs.
    public static let keys: [ConfigurationKey] = [
        Key.databaseURL.key, Key.databaseReadURL.key, Key.amqpURL.key, Key.intakePort.key, Key.dispatcherPort.key, Key.notifierPort.key, Key.httpHost.key,
        Key.logLevel.key, Key.logFormat.key, Key.timeZone.key, Key.poolSize.key,
        Key.genericPlans.key, Key.reprepareSeconds.key, Key.prefetch.key,
    ]

    /// Reads the settings; a bad value throws a ``SettingsError`` naming its variable.
    public init(reader: ConfigurationReader) throws {
        self.databaseURL = try reader.read(Key.databaseURL)
        self.databaseReadURL = try reader.read(Key.databaseReadURL)
        self.amqpURL = try reader.read(Key.amqpURL)
        self.logLevel = try reader.read(Key.logLevel)
        self.jsonLogs = try reader.read(Key.logFormat) == "json"
        self.httpHost = try reader.read(Key.httpHost)
        self.intakePort = try reader.read(Key.intakePort)
        self.dispatcherPort = try reader.read(Key.dispatcherPort)
        self.notifierPort = try reader.read(Key.notifierPort)
        self.timeZone = try reader.read(Key.timeZone)
        self.poolSize = try reader.read(Key.poolSize)
        self.prefetch = try reader.read(Key.prefetch)
        self.preparing = PreparedStatementPolicy(
            maxAge: .seconds(try reader.read(Key.reprepareSeconds)), genericPlans: try reader.read(Key.genericPlans) == "1"
        )
    }

    /// Reads the settings from `environment` (the process environment by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(reader: ConfigurationReader(environment: environment))
    }
}
