import Foundation

/// Intake's configuration: ``HotlineSettings`` and intake's own keys, each declared once in ``Key``.
/// The common settings read through (`configuration.timeZone`).
@dynamicMemberLookup
public struct IntakeConfiguration: Sendable {
    /// What every service reads.
    public var common: HotlineSettings
    /// Bound on every statement of intake's pool (`STATEMENT_TIMEOUT_MS`).
    public var statementTimeout: Duration
    /// Bound on the wait for a free connection (`POOL_ACQUIRE_TIMEOUT_MS`).
    public var acquireTimeout: Duration
    /// Connections of the pool on `DATABASE_READ_URL` (`PG_READ_POOL_SIZE`).
    public var readPoolSize: Int
    /// Requests per minute per API key; 0: unlimited (`API_RATE_LIMIT`).
    public var apiRateLimit: Int
    /// Folder of `openapi.json` and `asyncapi.yaml` (`DOCS_ROOT`).
    public var docsRoot: String
    /// Folder of the web UI's files; nil: `Web`, and the UI is left out when it is missing (`WEB_ROOT`).
    public var webRoot: String?
    /// Open tickets that make a cluster on the big screen (`CLUSTER_SIZE`, as the dispatcher's).
    public var clusterSize: Int
    /// Seconds after which an idle connection is closed (`HTTP_IDLE_TIMEOUT_S`).
    public var httpIdleSeconds: Int
    /// Folder of ticket photos; nil: photos are kept in PostgreSQL (`ATTACHMENTS_DIR`).
    public var attachmentsDirectory: String?

    /// Intake's own keys.
    public enum Key {
        /// `STATEMENT_TIMEOUT_MS`.
        public static let statementTimeout = Setting.int(
            "STATEMENT_TIMEOUT_MS", default: 10_000, range: 0...Int.max,
            meaning: "milliseconds a statement of intake may run before it is cancelled and the request answered 503 (`0`: no bound)"
        )
        /// `POOL_ACQUIRE_TIMEOUT_MS`.
        public static let acquireTimeout = Setting.int(
            "POOL_ACQUIRE_TIMEOUT_MS", default: 5_000, range: 0...Int.max,
            meaning: "milliseconds a request waits for a free database connection before it is answered 503"
        )
        /// `PG_READ_POOL_SIZE`.
        public static let readPoolSize = Setting.int(
            "PG_READ_POOL_SIZE", default: 4, range: 1...Int.max,
            meaning: "connections of the pool on `DATABASE_READ_URL` (unused when it is unset)"
        )
        /// `API_RATE_LIMIT`.
        public static let apiRateLimit = Setting.int(
            "API_RATE_LIMIT", default: 0, range: 0...Int.max, meaning: "requests per minute per API key; `0`: unlimited"
        )
        /// `DOCS_ROOT`.
        public static let docsRoot = Setting.text(
            "DOCS_ROOT", type: "path", default: "docs",
            meaning: "the folder holding `openapi.json` (served at `/openapi.json`) and `asyncapi.yaml` (served at `/asyncapi.yaml` when present)"
        )
        /// `WEB_ROOT`.
        public static let webRoot = Setting<String?>(
            key: ConfigurationKey(
                "WEB_ROOT", type: "path", default: "Web",
                meaning: "the web UI's files ([web-ui.md](web-ui.md#how-it-works)); unset and missing: intake serves the API alone"
            ),
            expected: "a path", whenUnset: nil
        ) { $0 }
        /// `ATTACHMENTS_DIR`.
        public static let attachmentsDirectory = Setting.optional(
            "ATTACHMENTS_DIR", type: "path",
            meaning: "a folder for ticket photos (one file each); unset: photos are kept in PostgreSQL ([grid.md](grid.md#photos))"
        )
        /// `HTTP_IDLE_TIMEOUT_S`.
        public static let httpIdleTimeout = Setting.int(
            "HTTP_IDLE_TIMEOUT_S", default: 60, range: 1...Int.max,
            meaning: "seconds after which an idle HTTP connection is closed (event streams send a heartbeat every 15 s)"
        )
    }

    /// Every key intake reads, common ones first.
    public static let keys: [ConfigurationKey] =
        HotlineSettings.keys + [
            Key.readPoolSize.key, Key.apiRateLimit.key, Key.webRoot.key, Key.docsRoot.key, Key.statementTimeout.key, Key.acquireTimeout.key,
            Key.httpIdleTimeout.key, DispatcherConfiguration.Key.clusterSize.key, Key.attachmentsDirectory.key,
        ]

    /// Reads the configuration; a bad value throws a ``SettingsError`` naming its variable.
    public init(reader: ConfigurationReader = ConfigurationReader()) throws {
        self.common = try HotlineSettings(reader: reader)
        self.statementTimeout = .milliseconds(try reader.read(Key.statementTimeout))
        self.acquireTimeout = .milliseconds(try reader.read(Key.acquireTimeout))
        self.readPoolSize = try reader.read(Key.readPoolSize)
        self.apiRateLimit = try reader.read(Key.apiRateLimit)
        self.docsRoot = try reader.read(Key.docsRoot)
        self.webRoot = try reader.read(Key.webRoot)
        self.clusterSize = try reader.read(DispatcherConfiguration.Key.clusterSize)
        self.httpIdleSeconds = try reader.read(Key.httpIdleTimeout)
        self.attachmentsDirectory = try reader.read(Key.attachmentsDirectory)
    }

    /// A common setting, read through.
    public subscript<Value>(dynamicMember path: KeyPath<HotlineSettings, Value>) -> Value { self.common[keyPath: path] }
}
