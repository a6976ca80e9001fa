import Postgres

/// Remembers which messages a consumer has applied, in the same transaction as their effect,
/// so that a redelivered message is acknowledged and skipped.
public enum Inbox {
    /// Records `messageIds` for `consumer` and returns the ones not seen before.
    public static func claim(_ messageIds: [String], consumer: String, on connection: PostgresConnection) throws -> Set<String> {
        guard !messageIds.isEmpty else { return [] }
        let rows = try connection.query(
            """
            INSERT INTO inbox (consumer, message_id) SELECT $1, unnest($2::text[])
            ON CONFLICT DO NOTHING RETURNING message_id
            """,
            [consumer, messageIds]
        )
        return Set(try rows.map { try $0.decode("message_id", as: String.self) })
    }
}
