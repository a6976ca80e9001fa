import Foundation
import HotlineDomain
import Outbox
import Postgres

/// Acknowledgements of one-key broadcasts (一键响应) by the grid workers they reached, whichever
/// way they come: a reply `收到` by SMS (the notifier) or the button on the mobile page
/// (intake). Either way the recipient's row gets its time once and `broadcast.acknowledged`
/// is announced in the same transaction.
public struct BroadcastAcknowledgements: Sendable {
    public init() {}

    /// Which recipient acknowledges: the phone an SMS came from, or the grid a key is scoped to
    /// (a worker's row lists the grids the broadcast reached them for).
    public enum Recipient: Sendable {
        case phone(String)
        case grid(String)
    }

    /// What an acknowledgement did.
    public enum Outcome: Sendable, Equatable {
        /// Recorded now, at that time.
        case acknowledged(broadcast: String, at: Date)
        /// Recorded before, at that time: nothing changed.
        case already(broadcast: String, at: Date)

        /// The broadcast acknowledged.
        public var broadcast: String {
            switch self {
            case .acknowledged(let id, _), .already(let id, _): id
            }
        }
    }

    /// Acknowledges broadcast `id` (nil: the latest sent to the recipient that asks for an
    /// acknowledgement) for `recipient`; nil when no such broadcast reached them.
    public func acknowledge(
        _ id: String? = nil, by recipient: Recipient, at date: Date, on connection: PostgresConnection
    ) throws -> Outcome? {
        if let id, UUID(uuidString: id) == nil { return nil }
        let (condition, value): (String, String) =
            switch recipient {
            case .phone(let phone): ("r.phone = $1", phone)
            case .grid(let grid): ("$1 = ANY(r.grids)", grid)
            }
        guard
            let row = try connection.query(
                """
                SELECT r.broadcast_id::text AS id, r.phone, r.name, r.acknowledged_at
                FROM broadcast_recipients r JOIN broadcasts b ON b.id = r.broadcast_id
                WHERE \(condition) AND b.require_ack AND ($2::uuid IS NULL OR b.id = $2::uuid)
                ORDER BY b.created_at DESC LIMIT 1 FOR UPDATE OF r
                """,
                [value, id]
            ).first
        else { return nil }
        let broadcast = try row.decode("id", as: String.self)
        if let earlier = try row.decode("acknowledged_at", as: Date?.self) { return .already(broadcast: broadcast, at: earlier) }
        let phone = try row.decode("phone", as: String.self)
        try connection.query(
            "UPDATE broadcast_recipients SET acknowledged_at = $3 WHERE broadcast_id = $1::uuid AND phone = $2",
            [broadcast, phone, date]
        )
        try Outbox.append(
            [
                try OutboxMessage.event(
                    EventEnvelope(
                        type: .broadcastAcknowledged, occurredAt: date,
                        data: .object([
                            "broadcastId": .string(broadcast), "name": .string(try row.decode("name", as: String.self)),
                            "phone": .string(PhoneNumber.mask(phone)), "acknowledgedAt": .string(HotlineJSON.format(date)),
                        ])
                    )
                )
            ],
            on: connection
        )
        return .acknowledged(broadcast: broadcast, at: date)
    }

    /// A broadcast as the grid sees it: to a worker, whether they acknowledged it; to a
    /// secretary (several grids), how many of the community's workers did.
    public struct Received: Codable, Sendable {
        public var id: String
        public var text: String
        public var requireAck: Bool
        public var createdBy: String
        public var createdAt: Date
        /// When this grid's worker acknowledged it (one grid asked), or nil.
        public var acknowledgedAt: Date?
        /// How many workers of the asked grids it reached, and how many acknowledged.
        public var recipients: Int
        public var acknowledged: Int
    }

    /// The latest broadcasts that reached the workers of `grids`, newest first.
    public func received(by grids: [String], limit: Int = 20, on connection: PostgresConnection) throws -> [Received] {
        try connection.query(
            """
            SELECT b.id::text AS id, b.text, b.require_ack, b.created_by, b.created_at,
                count(*)::int AS recipients, count(r.acknowledged_at)::int AS acknowledged, max(r.acknowledged_at) AS acknowledged_at
            FROM broadcasts b JOIN broadcast_recipients r ON r.broadcast_id = b.id
            WHERE r.grids && $1::text[]
            GROUP BY b.id ORDER BY b.created_at DESC LIMIT $2
            """,
            [grids, limit]
        ).map { row in
            let recipients = try row.decode("recipients", as: Int.self)
            let acknowledged = try row.decode("acknowledged", as: Int.self)
            return Received(
                id: try row.decode("id", as: String.self), text: try row.decode("text", as: String.self),
                requireAck: try row.decode("require_ack", as: Bool.self), createdBy: try row.decode("created_by", as: String.self),
                createdAt: try row.decode("created_at", as: Date.self),
                // With several workers asked, one's time would say nothing of the others'.
                acknowledgedAt: recipients == 1 ? try row.decode("acknowledged_at", as: Date?.self) : nil,
                recipients: recipients, acknowledged: acknowledged
            )
        }
    }
}
