import Foundation

/// The dispatcher's configuration: ``HotlineSettings`` and the dispatcher's own keys, each
/// declared once in ``Key``. The common settings read through (`configuration.timeZone`).
@dynamicMemberLookup
public struct DispatcherConfiguration: Sendable {
    /// What every service reads.
    public var common: HotlineSettings
    /// Routing consumers per instance, at least 1 (`DISPATCHER_CONSUMERS`).
    public var consumers: Int
    /// Seconds after which a resolved ticket nobody rated is closed (`RATING_TIMEOUT`).
    public var ratingTimeout: TimeInterval
    /// Seconds between deadline checks (`SLA_WATCH_INTERVAL`).
    public var slaWatchInterval: TimeInterval
    /// Seconds between seals of the history ledger (`HISTORY_SEAL_INTERVAL`).
    public var historySealInterval: TimeInterval
    /// Seconds in which a near ticket of the same category is a duplicate; 0: off (`DUPLICATE_WINDOW`).
    public var duplicateWindow: TimeInterval
    /// Metres within which two located tickets may be duplicates (`DUPLICATE_RADIUS_M`).
    public var duplicateRadius: Int
    /// Open tickets of one category in one grid that raise a cluster alert (`CLUSTER_SIZE`).
    public var clusterSize: Int
    /// Seconds within which they count (`CLUSTER_WINDOW`).
    public var clusterWindow: TimeInterval
    /// The retention periods, ISO 8601 text by variable name (`RETENTION_*`).
    public var retention: [String: String]

    /// The dispatcher's own keys.
    public enum Key {
        /// `DUPLICATE_WINDOW`.
        public static let duplicateWindow = Setting.duration(
            "DUPLICATE_WINDOW", default: "PT24H",
            meaning: "in which a new ticket of the same category near an open one is linked to it as a duplicate; `PT0S` turns linking off"
        )
        /// `DUPLICATE_RADIUS_M`.
        public static let duplicateRadius = Setting.int(
            "DUPLICATE_RADIUS_M", default: 100, meaning: "how near (metres) two located tickets must be to be duplicates"
        )
        /// `CLUSTER_SIZE`.
        public static let clusterSize = Setting.int(
            "CLUSTER_SIZE", default: 3,
            meaning: "tickets of one category in one grid come in within `CLUSTER_WINDOW` that raise a cluster alert (the big screen shows as many open ones as one)"
        )
        /// `CLUSTER_WINDOW`.
        public static let clusterWindow = Setting.duration("CLUSTER_WINDOW", default: "PT24H", meaning: "the window of `CLUSTER_SIZE`")
        /// `RATING_TIMEOUT`.
        public static let ratingTimeout = Setting.duration(
            "RATING_TIMEOUT", default: "P3D", meaning: "resolved tickets nobody rated are closed onto the follow-up list after it"
        )
        /// `SLA_WATCH_INTERVAL`.
        public static let slaWatchInterval = Setting.duration("SLA_WATCH_INTERVAL", default: "PT1S", meaning: "how often deadlines are checked")
        /// `HISTORY_SEAL_INTERVAL`.
        public static let historySealInterval = Setting.duration(
            "HISTORY_SEAL_INTERVAL", default: "PT1H", meaning: "how often the tickets' history ledger is sealed"
        )
        /// `DISPATCHER_CONSUMERS`.
        public static let consumers = Setting.int(
            "DISPATCHER_CONSUMERS", default: 3, meaning: "routing consumers per instance (fewer than 1 counts as 1)"
        )
        /// The retention periods (docs/operations.md), in the order of the docs.
        public static let retention: [Setting<String>] = [
            .period("RETENTION_CALLER", default: "P2Y", meaning: "a closed (or cancelled, duplicate) ticket's caller name and phone are erased after it, everywhere"),
            .period("RETENTION_INBOX", default: "P30D", meaning: "consumers' inbox ids (duplicate detection of processed messages) are kept this long"),
            .period("RETENTION_NOTIFICATIONS", default: "P90D", meaning: "sent, delivered and failed SMS rows are kept this long: their monthly partitions (by the SMS's source time) are dropped once the month ended this long ago"),
            .period("RETENTION_OUTBOX", default: "P30D", meaning: "published outbox rows that are not a ticket's history (tasks, replies): their monthly partitions are dropped once the month ended this long ago"),
            .period("RETENTION_IDEMPOTENCY", default: "P30D", meaning: "`Idempotency-Key`s of ticket creation are kept this long"),
            .period("RETENTION_INBOUND_SMS", default: "P90D", meaning: "residents' inbound SMS (text and sender) are kept this long"),
            .period("RETENTION_READ_LOG", default: "P1Y", meaning: "read audit logs (`household_reads`, `household_searches`) are kept this long"),
            .period("RETENTION_INTERVAL", default: "PT1H", meaning: "how often the scheduled purge runs (`PT0S`: never; `dispatcher purge` still works)"),
        ]
    }

    /// Every key the dispatcher reads, common ones first.
    public static let keys: [ConfigurationKey] =
        HotlineSettings.keys
        + [
            Key.duplicateWindow.key, Key.duplicateRadius.key, Key.clusterSize.key, Key.clusterWindow.key, Key.ratingTimeout.key,
            Key.slaWatchInterval.key, Key.historySealInterval.key, Key.consumers.key,
        ] + Key.retention.map(\.key)

    /// Reads the configuration; a bad value throws a ``SettingsError`` naming its variable.
    public init(reader: ConfigurationReader = ConfigurationReader()) throws {
        self.common = try HotlineSettings(reader: reader)
        self.consumers = max(1, try reader.read(Key.consumers))
        self.ratingTimeout = try reader.read(Key.ratingTimeout)
        self.slaWatchInterval = try reader.read(Key.slaWatchInterval)
        self.historySealInterval = try reader.read(Key.historySealInterval)
        self.duplicateWindow = try reader.read(Key.duplicateWindow)
        self.duplicateRadius = try reader.read(Key.duplicateRadius)
        self.clusterSize = try reader.read(Key.clusterSize)
        self.clusterWindow = try reader.read(Key.clusterWindow)
        var retention: [String: String] = [:]
        for setting in Key.retention { retention[setting.key.name] = try reader.read(setting) }
        self.retention = retention
    }

    /// A common setting, read through.
    public subscript<Value>(dynamicMember path: KeyPath<HotlineSettings, Value>) -> Value { self.common[keyPath: path] }
}
