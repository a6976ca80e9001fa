import Foundation
import ServiceSupport

/// How long personal data and technical records are kept (CONTRACTS.md / issue 14, point 7),
/// each an ISO 8601 duration (years and months allowed: `P2Y`, `P6M`, `P30D`, `PT12H`) read from
/// the environment; PostgreSQL reads the same text as an interval.
///
/// | variable | default | what is removed after it |
/// |---|---|---|
/// | `RETENTION_CALLER` | `P2Y` | a closed (or cancelled, duplicate) ticket's caller name and phone, everywhere |
/// | `RETENTION_INBOX` | `P30D` | consumers' inbox ids (duplicate detection of processed messages) |
/// | `RETENTION_NOTIFICATIONS` | `P90D` | sent, delivered and failed SMS rows |
/// | `RETENTION_OUTBOX` | `P30D` | published outbox rows that are not a ticket's history (tasks, replies): their monthly partitions are dropped once the month ended this long ago |
/// | `RETENTION_IDEMPOTENCY` | `P30D` | `Idempotency-Key`s of ticket creation |
/// | `RETENTION_INBOUND_SMS` | `P90D` | residents' inbound SMS (text and sender) |
/// | `RETENTION_READ_LOG` | `P1Y` | read audit logs (`household_reads`, `household_searches`) |
/// | `RETENTION_INTERVAL` | `PT1H` | how often the dispatcher's scheduled purge runs (`PT0S`: never) |
struct RetentionPolicy: Sendable, Equatable {
    var caller = "P2Y"
    var inbox = "P30D"
    var notifications = "P90D"
    var outbox = "P30D"
    var idempotency = "P30D"
    var inboundSMS = "P90D"
    var readLog = "P1Y"
    /// Between scheduled purges; nil: no schedule (the `dispatcher purge` command still works).
    var interval: Duration? = .seconds(3600)

    /// The policy of `environment`; a malformed value names its variable.
    init(environment: [String: String]) throws {
        func period(_ key: String, _ fallback: String) throws -> String {
            guard let text = environment[key], !text.isEmpty else { return fallback }
            guard Self.isPeriod(text) else {
                throw SettingsError(key: key, message: "'\(text)' is not an ISO 8601 duration (e.g. P2Y, P6M, P30D, PT12H)")
            }
            return text
        }
        self.caller = try period("RETENTION_CALLER", self.caller)
        self.inbox = try period("RETENTION_INBOX", self.inbox)
        self.notifications = try period("RETENTION_NOTIFICATIONS", self.notifications)
        self.outbox = try period("RETENTION_OUTBOX", self.outbox)
        self.idempotency = try period("RETENTION_IDEMPOTENCY", self.idempotency)
        self.inboundSMS = try period("RETENTION_INBOUND_SMS", self.inboundSMS)
        self.readLog = try period("RETENTION_READ_LOG", self.readLog)
        let every = try period("RETENTION_INTERVAL", "PT1H")
        let seconds = Self.approximateSeconds(every)
        self.interval = seconds > 0 ? .seconds(max(1, seconds)) : nil
    }

    /// `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one part (whole numbers).
    static func isPeriod(_ text: String) -> Bool {
        text.range(of: #"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$"#, options: .regularExpression) != nil
    }

    /// The length of a period in seconds, a year as 365 days and a month as 30 (for the schedule only).
    static func approximateSeconds(_ text: String) -> Int {
        var total = 0
        var number = 0
        var inTime = false
        for character in text.dropFirst() {
            if let digit = character.wholeNumberValue {
                number = number * 10 + digit
                continue
            }
            switch (character, inTime) {
            case ("T", _): inTime = true
            case ("Y", false): total += number * 365 * 86_400
            case ("M", false): total += number * 30 * 86_400
            case ("W", false): total += number * 7 * 86_400
            case ("D", false): total += number * 86_400
            case ("H", true): total += number * 3_600
            case ("M", true): total += number * 60
            case ("S", true): total += number
            default: break
            }
            number = 0
        }
        return total
    }
}
