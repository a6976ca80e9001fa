import Foundation
import Outbox
import Postgres

/// The `notifications` table as the SMS pipeline uses it: the planner writes each SMS row in
/// its event's transaction, the sender takes the due rows (handed over in memory, or swept from
/// the table under a lease), holds back what the per-phone rate limit does not allow yet, and
/// records what became of each send. ``PostgresSMSQueue`` keeps it in PostgreSQL.
public protocol SMSQueue: Sendable {
    /// Writes `rows` inside the caller's transaction on `connection`; a replanned (event, kind,
    /// recipient) is skipped. With `lease`, the rows due now are written with the sender's
    /// lease already taken; returns the ids of those leased rows, which the caller hands to its
    /// sender once the transaction has committed.
    func plan(_ rows: [NewNotification], lease: Bool, on connection: PostgresConnection) throws -> Set<String>
    /// Of rows already leased (handed over in memory), those `limit` lets go now; the others
    /// are deferred to their window and lose their lease. Returns them and how many were deferred.
    func admit(_ rows: [QueuedSMS], limit: RateLimit?) async throws -> (due: [QueuedSMS], deferred: Int)
    /// Leases up to `count` due rows, the longest due first, and returns those `limit` lets go
    /// now (the others deferred as by ``admit(_:limit:)``).
    func claim(_ count: Int, limit: RateLimit?) async throws -> (due: [QueuedSMS], deferred: Int)
    /// Seconds until the next pending row falls due, when one waits for a later moment.
    func secondsToNextDue() async throws -> Double?
    /// Records what became of sends, in one transaction; `failedEvents` (the
    /// `notification.failed` events of `outcomes.failed`) go to the outbox in it.
    func record(_ outcomes: SMSOutcomes, failedEvents: [OutboxMessage]) async throws
}

/// An SMS decided from an event, as the planner writes it.
public struct NewNotification: Sendable {
    /// Its id (the gateway's `messageId`), time-ordered.
    public var id: String
    /// The event it was planned from (with `kind` and `recipient`, what makes it once only).
    public var sourceEvent: String
    /// Its template's name.
    public var kind: String
    /// The ticket it is about, if any.
    public var ticketId: String?
    /// That ticket's number, if any.
    public var ticketNumber: String?
    /// The phone it goes to.
    public var recipient: String
    /// `resident`, `grid_worker`, `secretary`, `department`...
    public var role: String
    /// The text.
    public var body: String
    /// Handset segments of the text.
    public var segments: Int
    /// Never held back by quiet hours or the rate limit.
    public var urgent: Bool
    /// Not sent before then.
    public var notBefore: Date
    /// Why `notBefore` is later than now (`quiet_hours`), if it is.
    public var deferredReason: String?

    /// A row to write.
    public init(
        id: String, sourceEvent: String, kind: String, ticketId: String?, ticketNumber: String?, recipient: String, role: String,
        body: String, segments: Int, urgent: Bool, notBefore: Date, deferredReason: String?
    ) {
        self.id = id
        self.sourceEvent = sourceEvent
        self.kind = kind
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.recipient = recipient
        self.role = role
        self.body = body
        self.segments = segments
        self.urgent = urgent
        self.notBefore = notBefore
        self.deferredReason = deferredReason
    }
}

/// A row the sender sends now: handed over or claimed, leased either way.
public struct QueuedSMS: Sendable {
    /// The row's id, the gateway's `messageId`.
    public var id: String
    /// The phone.
    public var recipient: String
    /// The text.
    public var body: String
    /// Its template's name.
    public var kind: String
    /// The ticket's number, if any.
    public var ticketNumber: String?
    /// The ticket's id, if any (for `notification.failed`).
    public var ticketId: String?
    /// Attempts made before this one.
    public var attempts: Int
    /// Subject to the per-phone rate limit (a resident's message that is not urgent).
    public var limited: Bool
    /// Handset segments.
    public var segments: Int

    /// A row to send.
    public init(
        id: String, recipient: String, body: String, kind: String, ticketNumber: String?, ticketId: String?, attempts: Int,
        limited: Bool, segments: Int
    ) {
        self.id = id
        self.recipient = recipient
        self.body = body
        self.kind = kind
        self.ticketNumber = ticketNumber
        self.ticketId = ticketId
        self.attempts = attempts
        self.limited = limited
        self.segments = segments
    }
}

/// What became of a batch of sends.
public struct SMSOutcomes: Sendable {
    /// Ids the gateway took.
    public var sent: [String] = []
    /// Ids to try again: after `delay` seconds, with the error of this attempt.
    public var retry: [(id: String, delay: Double, error: String)] = []
    /// Ids that will never be taken, with the reason.
    public var failed: [(id: String, reason: String)] = []

    /// No outcomes yet.
    public init() {}
}
