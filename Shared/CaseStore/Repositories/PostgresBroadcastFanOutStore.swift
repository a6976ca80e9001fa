import HotlineDomain
import Postgres

/// ``BroadcastFanOutStore`` on the connection of the event's transaction.
public struct PostgresBroadcastFanOutStore: BroadcastFanOutStore {
    let connection: PostgresConnection

    /// The store on `connection` (in a transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func recordFanOut(of id: String, to recipients: [BroadcastRecipient], notifications: [String]) throws {
        try self.connection.query(
            """
            INSERT INTO broadcast_recipients (broadcast_id, phone, name, grids, notification_id)
            SELECT $1::uuid, p, n, string_to_array(g, ','), i
            FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[]) AS r(p, n, g, i)
            ON CONFLICT (broadcast_id, phone) DO NOTHING
            """,
            [id, recipients.map(\.phone), recipients.map(\.name), recipients.map { $0.grids.joined(separator: ",") }, notifications]
        )
        try self.connection.query(
            "UPDATE broadcasts SET fanned_out_at = now(), recipient_count = $2 WHERE id = $1::uuid AND fanned_out_at IS NULL",
            [id, recipients.count]
        )
    }
}
