/// What one retention purge removed, per kind (printed as JSON by `dispatcher purge`).
public struct RetentionReport: Sendable, Encodable, Equatable {
    /// Another instance held the purge's lock: nothing was done.
    public var skipped = false
    /// Tickets whose caller was erased.
    public var callersErased = 0
    /// Inbox rows deleted.
    public var inbox = 0
    /// Notifications deleted.
    public var notifications = 0
    /// Outbox rows dropped.
    public var outbox = 0
    /// Idempotency keys deleted.
    public var idempotencyKeys = 0
    /// Inbound SMS deleted.
    public var inboundSMS = 0
    /// Household read-log and search rows deleted.
    public var readLog = 0

    /// An empty report (`skipped` when the lock was held elsewhere).
    public init(skipped: Bool = false) {
        self.skipped = skipped
    }
}
