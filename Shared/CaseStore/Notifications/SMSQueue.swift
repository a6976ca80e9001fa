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
