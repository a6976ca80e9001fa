import CaseStore
import Foundation
import ServiceSupport

/// How long personal data and technical records are kept (CONTRACTS.md / issue 14, point 7),
/// each an ISO 8601 duration (years and months allowed: `P2Y`, `P6M`, `P30D`, `PT12H`);
/// PostgreSQL reads the same text as an interval. The `RETENTION_*` keys, their defaults and
/// meanings are declared in `DispatcherConfiguration.Key.retention`, which checks their form.
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

    /// The policy of the periods `DispatcherConfiguration` read (already checked), by variable name.
    init(periods: [String: String]) {
        self.caller = periods["RETENTION_CALLER"] ?? self.caller
        self.inbox = periods["RETENTION_INBOX"] ?? self.inbox
        self.notifications = periods["RETENTION_NOTIFICATIONS"] ?? self.notifications
        self.outbox = periods["RETENTION_OUTBOX"] ?? self.outbox
        self.idempotency = periods["RETENTION_IDEMPOTENCY"] ?? self.idempotency
        self.inboundSMS = periods["RETENTION_INBOUND_SMS"] ?? self.inboundSMS
        self.readLog = periods["RETENTION_READ_LOG"] ?? self.readLog
        let seconds = Self.approximateSeconds(periods["RETENTION_INTERVAL"] ?? "PT1H")
        self.interval = seconds > 0 ? .seconds(max(1, seconds)) : nil
    }

    /// The periods the purge applies.
    var periods: RetentionPeriods {
        RetentionPeriods(
            caller: self.caller, inbox: self.inbox, notifications: self.notifications, outbox: self.outbox, idempotency: self.idempotency,
            inboundSMS: self.inboundSMS, readLog: self.readLog
        )
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
