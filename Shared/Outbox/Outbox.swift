import Postgres

/// Writes outbox rows inside the caller's transaction, many rows in one statement. Events
/// about a ticket go to the history partitions (kept), the rest to the transient ones
/// (dropped after `RETENTION_OUTBOX`); see migration 56.
public enum Outbox {
    /// Appends `messages` on `connection`, which must be inside the transaction of the change.
    /// The events about a ticket are linked into its hash chain by `history_links` (migration
    /// 59), once for the whole statement.
    public static func append(_ messages: [OutboxMessage], on connection: PostgresConnection) throws {
        guard !messages.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO outbox (event_id, exchange, routing_key, message_type, ticket_id, body, traceparent, history,
                chain_pos, prev_hash, chain_hash)
            SELECT e, x, k, t, NULLIF(i, '')::uuid, b, NULLIF(p, ''), x = 'hotline.events' AND i <> '', l.pos, l.prev, l.hash
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS m(e, x, k, t, i, b, p, o)
            LEFT JOIN history_links(
                ARRAY(SELECT CASE WHEN h.x = 'hotline.events' AND h.i <> '' THEN h.i::uuid END
                      FROM unnest($2::text[], $5::text[]) WITH ORDINALITY AS h(x, i, o) ORDER BY h.o),
                $6::text[]) AS l ON l.ord = m.o
            ORDER BY m.o
            """,
            [
                messages.map(\.id), messages.map(\.exchange), messages.map(\.routingKey),
                messages.map(\.type), messages.map { $0.ticketId ?? "" }, messages.map(\.body), messages.map { $0.traceparent ?? "" },
            ],
            plan: .generic
        )
    }
}
