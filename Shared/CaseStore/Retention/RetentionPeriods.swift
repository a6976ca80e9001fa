/// How long each kind of record is kept, each an ISO 8601 duration that PostgreSQL reads as an
/// interval (`P2Y`, `P30D`, `PT12H`); the `RETENTION_*` keys of the dispatcher.
public struct RetentionPeriods: Sendable, Equatable {
    /// Callers' names and phones of closed tickets.
    public var caller: String
    /// Processed inbox rows.
    public var inbox: String
    /// Sent or failed notifications.
    public var notifications: String
    /// Published outbox rows without a ticket.
    public var outbox: String
    /// Idempotency keys.
    public var idempotency: String
    /// Inbound SMS.
    public var inboundSMS: String
    /// The household read log and searches.
    public var readLog: String

    /// The periods, each given.
    public init(caller: String, inbox: String, notifications: String, outbox: String, idempotency: String, inboundSMS: String, readLog: String) {
        self.caller = caller
        self.inbox = inbox
        self.notifications = notifications
        self.outbox = outbox
        self.idempotency = idempotency
        self.inboundSMS = inboundSMS
        self.readLog = readLog
    }
}
