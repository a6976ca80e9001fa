import Foundation
import HotlineDomain

/// A broadcast as `GET /v1/broadcasts/{id}` shows it: what was sent where, and per recipient
/// (name, grids, phone) the delivery and acknowledgement, with the totals. Read from the
/// tables the notifier fills (`broadcast_recipients`, `notifications`).
public struct BroadcastView: Encodable, Sendable {
    /// The recipients counted by their SMS's state.
    public struct Totals: Encodable, Sendable {
        /// Workers reached.
        public var recipients = 0
        /// SMS not sent yet.
        public var pending = 0
        /// SMS handed to the gateway.
        public var sent = 0
        /// SMS the gateway reported delivered.
        public var delivered = 0
        /// SMS given up on.
        public var failed = 0
        /// Workers who replied 收到.
        public var acknowledged = 0
    }

    /// One grid worker reached, with the SMS's delivery and the acknowledgement.
    public struct Recipient: Encodable, Sendable {
        /// The worker's name.
        public var name: String
        /// The worker's phone.
        public var phone: String
        /// The grids in scope the worker covers.
        public var grids: [String]
        /// The SMS's state: `pending`, `sent`, `delivered` or `failed`.
        public var status: String
        /// Send attempts so far.
        public var attempts: Int
        /// When the SMS was sent.
        public var sentAt: Date?
        /// When it was delivered.
        public var deliveredAt: Date?
        /// When the worker acknowledged.
        public var acknowledgedAt: Date?
        /// The gateway's last error, for a failed SMS.
        public var error: String?
    }

    /// The broadcast's id.
    public var id: String
    /// Where it went.
    public var scope: BroadcastScope
    /// What it said.
    public var text: String
    /// Whether workers are asked to reply 收到.
    public var requireAck: Bool
    /// Who sent it.
    public var createdBy: String
    /// When.
    public var createdAt: Date
    /// `queued` until the notifier has fanned it out, then `fanned_out`.
    public var status: String
    /// When the notifier fanned it out.
    public var fannedOutAt: Date?
    /// The recipients counted by state.
    public var totals: Totals
    /// Each recipient (only on `GET /v1/broadcasts/{id}`).
    public var recipients: [Recipient]?

    /// A view made of its parts.
    init(
        id: String, scope: BroadcastScope, text: String, requireAck: Bool, createdBy: String, createdAt: Date, status: String,
        fannedOutAt: Date?, totals: Totals, recipients: [Recipient]?
    ) {
        (self.id, self.scope, self.text, self.requireAck, self.createdBy) = (id, scope, text, requireAck, createdBy)
        (self.createdAt, self.status, self.fannedOutAt, self.totals, self.recipients) = (createdAt, status, fannedOutAt, totals, recipients)
    }
}
