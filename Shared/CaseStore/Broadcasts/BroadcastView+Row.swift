import Foundation
import HotlineDomain
import Postgres

extension BroadcastView {
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

    /// A `broadcasts` row, without its recipients.
    init(row: PostgresRow) throws {
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
