import CaseStore
import Foundation
import HotlineDomain
import Postgres

/// An SMS decided from an event, written to `notifications` in the event's transaction.
struct PlannedNotification: Sendable {
    /// Derived from the source's time and (event, kind, recipient) (``NotificationID``): a
    /// replanned source gets the same id, which the insert skips.
    let id: String
    var sourceEvent: String
    var kind: String
    var ticketId: String?
    var ticketNumber: String?
    var recipient: String
    var role: String
    var body: String
    var urgent: Bool
    var notBefore: Date
    /// Why `notBefore` is later than now (`quiet_hours`), if it is.
    var deferredReason: String?

    /// The SMS of `kind` to `recipient` planned from `sourceEvent`, which happened at `time`
    /// (the event's `occurredAt`, or the check-in's or broadcast's own moment: the same for every
    /// replanning of it, since the id is derived from it).
    init(
        at time: Date, sourceEvent: String, kind: String, ticketId: String? = nil, ticketNumber: String? = nil, recipient: String,
        role: String, body: String, urgent: Bool, notBefore: Date, deferredReason: String? = nil
    ) {
        self.id = NotificationID.derive(at: time, sourceEvent: sourceEvent, kind: kind, recipient: recipient)
        self.sourceEvent = sourceEvent
        self.kind = kind
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.recipient = recipient
        self.role = role
        self.body = body
        self.urgent = urgent
        self.notBefore = notBefore
        self.deferredReason = deferredReason
    }

    /// Inserts `planned` in one statement (``PostgresSMSQueue``); a replanned (event,
    /// kind, recipient) has the same id and is skipped. With `handoff`, the rows due now are written with a
    /// 20-second lease and, once the transaction commits, handed to this process's sender,
    /// which sends them without claiming them from the table.
    static func insert(_ planned: [PlannedNotification], handoff: SMSHandoff? = nil, on connection: PostgresConnection) throws {
        guard !planned.isEmpty else { return }
        let leased = try PostgresSMSQueue.plan(planned.map(\.row), lease: handoff != nil, on: connection)
        guard let handoff else { return }
        let due = planned.filter { leased.contains($0.id) }.map(\.due)
        if !due.isEmpty { connection.afterCommit { handoff.offer(due) } }
    }

    /// The row as the queue writes it.
    var row: NewNotification {
        NewNotification(
            id: self.id, sourceEvent: self.sourceEvent, kind: self.kind, ticketId: self.ticketId, ticketNumber: self.ticketNumber,
            recipient: self.recipient, role: self.role, body: self.body, segments: SMSText.segments(self.body), urgent: self.urgent,
            notBefore: self.notBefore, deferredReason: self.deferredReason
        )
    }

    /// The row as the sender takes it: a first attempt.
    var due: QueuedSMS {
        QueuedSMS(
            id: self.id, recipient: self.recipient, body: self.body, kind: self.kind, ticketNumber: self.ticketNumber,
            ticketId: self.ticketId, attempts: 0, limited: self.role == "resident" && !self.urgent, segments: SMSText.segments(self.body)
        )
    }
}
