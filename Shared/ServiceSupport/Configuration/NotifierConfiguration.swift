import Foundation

/// The notifier's configuration: ``HotlineSettings`` and the notifier's own keys, each declared
/// once in ``Key``. The common settings read through (`configuration.timeZone`). The notifier
/// checks the forms only it knows (quiet hours, check-in time, the secret's strength, the
/// gateway's scheme) before anything starts, naming the variable the same way.
@dynamicMemberLookup
public struct NotifierConfiguration: Sendable {
    /// What every service reads.
    public var common: HotlineSettings
    /// The SMS gateway; nil: the file sink (`SMS_GATEWAY_URL`).
    public var smsGatewayURL: String?
    /// The HMAC key of both directions; nil: none given (`SMS_GATEWAY_SECRET`).
    public var smsGatewaySecret: String?
    /// The file sink (`SMS_SINK_FILE`).
    public var smsSinkFile: String
    /// The quiet hours' text, nil: none (`QUIET_HOURS`).
    public var quietHours: String?
    /// Non-urgent messages to one phone per rolling hour; 0: unlimited (`SMS_RATE_PER_HOUR`).
    public var smsRatePerHour: Int
    /// Folder of `<kind>.txt` overriding the built-in texts (`SMS_TEMPLATES_DIR`).
    public var smsTemplatesDirectory: String?
    /// Local time of the daily check-in, `HH:MM` (`CHECKIN_AT`).
    public var checkinAt: String
    /// How long a household has to answer it, ISO 8601 (`CHECKIN_DEADLINE`).
    public var checkinDeadline: String

    /// The notifier's own keys.
    public enum Key {
        /// `SMS_GATEWAY_URL`.
        public static let smsGatewayURL = Setting.optional(
            "SMS_GATEWAY_URL", type: "http(s) URL", secrecy: .urlPassword,
            meaning:
                "the [SMS gateway](#sms-gateway); unset: messages are written to `SMS_SINK_FILE`. `http://` only to a loopback address"
        )
        /// `SMS_GATEWAY_SECRET`.
        public static let smsGatewaySecret = Setting.optional(
            "SMS_GATEWAY_SECRET", type: "secret", secrecy: .whole,
            meaning:
                "the shared secret that signs both directions; at least 32 bytes ([security.md](security.md)); required with a gateway; never logged"
        )
        /// `SMS_SINK_FILE`.
        public static let smsSinkFile = Setting.text(
            "SMS_SINK_FILE", type: "path", default: ".run/sms.jsonl", meaning: "the file sink, one JSON message per line"
        )
        /// `QUIET_HOURS`.
        public static let quietHours = Setting.optional(
            "QUIET_HOURS", type: "HH:MM-HH:MM",
            meaning:
                "e.g. `22:00-07:00`, local time of the jurisdiction; unset or `off`: none. Non-urgent messages to residents wait them out"
        )
        /// `SMS_RATE_PER_HOUR`.
        public static let smsRatePerHour = Setting.int(
            "SMS_RATE_PER_HOUR", default: 10, range: 0...Int.max,
            meaning: "non-urgent messages to one phone in any rolling hour; `0`: unlimited"
        )
        /// `SMS_TEMPLATES_DIR`.
        public static let smsTemplatesDirectory = Setting.optional(
            "SMS_TEMPLATES_DIR", type: "path", meaning: "a folder of `<kind>.txt` files replacing the built-in texts; unset: none"
        )
        /// `CHECKIN_AT`.
        public static let checkinAt = Setting.text(
            "CHECKIN_AT", type: "HH:MM", default: "08:00", meaning: "the daily check-in's local time"
        )
        /// `CHECKIN_DEADLINE`.
        public static let checkinDeadline = Setting.text(
            "CHECKIN_DEADLINE", type: "ISO 8601 duration", default: "PT2H", meaning: "how long a household has to answer the check-in (under a day)"
        )
    }

    /// Every key the notifier reads, common ones first.
    public static let keys: [ConfigurationKey] =
        HotlineSettings.keys + [
            Key.smsGatewayURL.key, Key.smsGatewaySecret.key, Key.smsSinkFile.key, Key.quietHours.key, Key.smsRatePerHour.key,
            Key.smsTemplatesDirectory.key, Key.checkinAt.key, Key.checkinDeadline.key,
        ]

    /// Reads the configuration; a bad value throws a ``SettingsError`` naming its variable.
    public init(reader: ConfigurationReader = ConfigurationReader()) throws {
        self.common = try HotlineSettings(reader: reader)
        self.smsGatewayURL = try reader.read(Key.smsGatewayURL)
        self.smsGatewaySecret = try reader.read(Key.smsGatewaySecret)
        self.smsSinkFile = try reader.read(Key.smsSinkFile)
        self.quietHours = try reader.read(Key.quietHours)
        self.smsRatePerHour = try reader.read(Key.smsRatePerHour)
        self.smsTemplatesDirectory = try reader.read(Key.smsTemplatesDirectory)
        self.checkinAt = try reader.read(Key.checkinAt)
        self.checkinDeadline = try reader.read(Key.checkinDeadline)
    }

    /// A common setting, read through.
    public subscript<Value>(dynamicMember path: KeyPath<HotlineSettings, Value>) -> Value { self.common[keyPath: path] }
}
