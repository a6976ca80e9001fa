import Foundation
import HotlineDomain
import Postgres

/// A broadcast as `GET /v1/broadcasts/{id}` shows it: what was sent where, and per recipient
/// (name, grids, phone) the delivery and acknowledgement, with the totals. Read from the
/// tables the notifier fills (`broadcast_recipients`, `notifications`).
public struct BroadcastView: Encodable, Sendable {
    /// The recipients counted by their SMS's state.
    public struct Totals: Encodable, Sendable {
        public var recipients = 0
        public var pending = 0
        public var sent = 0
        public var delivered = 0
        public var failed = 0
        public var acknowledged = 0
    }

    /// One grid worker reached, with the SMS's delivery and the acknowledgement.
    public struct Recipient: Encodable, Sendable {
        public var name: String
        public var phone: String
        public var grids: [String]
        /// The SMS's state: `pending`, `sent`, `delivered` or `failed`.
        public var status: String
        public var attempts: Int
        public var sentAt: Date?
        public var deliveredAt: Date?
        public var acknowledgedAt: Date?
        public var error: String?
    }

    public var id: String
    public var scope: BroadcastScope
    public var text: String
    public var requireAck: Bool
    public var createdBy: String
    public var createdAt: Date
    /// `queued` until the notifier has fanned it out, then `fanned_out`.
    public var status: String
    public var fannedOutAt: Date?
    public var totals: Totals
    public var recipients: [Recipient]?

    /// The broadcast `id` with its recipients (`withRecipients`) or only its totals; nil when unknown.
    static func load(_ id: String, withRecipients: Bool = true, on connection: PostgresConnection) throws -> BroadcastView? {
        guard UUID(uuidString: id) != nil,
            let row = try connection.query(
                """
                SELECT id::text AS id, scope_kind, scope_code, text, require_ack, created_by, created_at, fanned_out_at
                FROM broadcasts WHERE id = $1::uuid
                """,
                [id]
            ).first
        else { return nil }
        var view = try Self(row: row)
        let recipients = try connection.query(
            """
            SELECT r.name, r.phone, r.grids, r.acknowledged_at, n.status, n.attempts, n.sent_at, n.delivered_at, n.last_error
            FROM broadcast_recipients r JOIN notifications n ON n.id = r.notification_id
            WHERE r.broadcast_id = $1::uuid ORDER BY r.grids[1], r.phone
            """,
            [id]
        ).map { row in
            let status = try row.decode("status", as: String.self)
            return Recipient(
                name: try row.decode("name", as: String.self), phone: try row.decode("phone", as: String.self),
                grids: try row.decode("grids", as: [String].self), status: status, attempts: try row.decode("attempts", as: Int.self),
                sentAt: try row.decode("sent_at", as: Date?.self), deliveredAt: try row.decode("delivered_at", as: Date?.self),
                acknowledgedAt: try row.decode("acknowledged_at", as: Date?.self),
                error: status == "failed" ? try row.decode("last_error", as: String?.self) : nil
            )
        }
        view.totals = Totals(
            recipients: recipients.count, pending: recipients.count { $0.status == "pending" },
            sent: recipients.count { $0.sentAt != nil }, delivered: recipients.count { $0.deliveredAt != nil },
            failed: recipients.count { $0.status == "failed" }, acknowledged: recipients.count { $0.acknowledgedAt != nil }
        )
        view.recipients = withRecipients ? recipients : nil
        return view
    }

    private init(row: PostgresRow) throws {
        guard let level = BroadcastScope.Level(rawValue: try row.decode("scope_kind", as: String.self)) else {
            throw CaseError.corrupt("broadcasts.scope_kind")
        }
        self.id = try row.decode("id", as: String.self)
        self.scope = BroadcastScope(level: level, code: try row.decode("scope_code", as: String.self))
        self.text = try row.decode("text", as: String.self)
        self.requireAck = try row.decode("require_ack", as: Bool.self)
        self.createdBy = try row.decode("created_by", as: String.self)
        self.createdAt = try row.decode("created_at", as: Date.self)
        self.fannedOutAt = try row.decode("fanned_out_at", as: Date?.self)
        self.status = self.fannedOutAt == nil ? "queued" : "fanned_out"
        self.totals = Totals()
    }
}
