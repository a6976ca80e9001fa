import Foundation
import Postgres

/// The tamper-evident record of ticket histories (migration 42): verifies each ticket's hash
/// chain and the daily roots, and seals the roots of finished days.
///
/// The chain is written by a trigger on `outbox` (so every writer, in every service, chains its
/// events without code of its own); this type only reads it. ``verify(from:to:on:)``
/// recomputes every chained event of the tickets that have events in the period and names the
/// first broken link: an edited body or hash (`hash mismatch`), a deleted or reordered event
/// (`chain gap`), and, for sealed days, a deleted last event or any other change of the day's
/// events (`root mismatch`).
public struct HistoryLedger: Sendable {
    /// The zone whose local days the roots cover.
    public let timeZone: TimeZone

    /// A ledger of days in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The first broken link found.
    public struct Break: Sendable, CustomStringConvertible {
        /// `hash mismatch`, `chain gap` or `root mismatch`.
        public var kind: String
        /// The event (outbox `event_id`), or the day for a root.
        public var what: String
        /// The ticket, for chain breaks.
        public var ticketId: String?
        /// The event's place in the ticket's chain.
        public var position: Int?

        public var description: String {
            if let ticketId, let position {
                return "\(self.kind): ticket \(ticketId) event #\(position) (\(self.what))"
            }
            return "\(self.kind): \(self.what)"
        }
    }

    /// What a verification covered.
    public struct Report: Sendable {
        /// Chained events checked.
        public var events: Int
        /// Sealed days checked.
        public var days: Int
        /// The first broken link, if any.
        public var firstBreak: Break?
    }

    /// Verifies the chains of every ticket with an event in `[from, to)` and the sealed days
    /// of the period.
    public func verify(from: Date, to: Date, on connection: PostgresConnection) throws -> Report {
        let rows = try connection.query(
            """
            WITH tickets AS (SELECT DISTINCT ticket_id FROM outbox
                    WHERE chain_hash IS NOT NULL AND created_at >= $1 AND created_at < $2),
                chain AS (
                    SELECT o.seq, o.event_id::text AS event_id, o.ticket_id::text AS ticket_id, o.chain_pos, o.prev_hash,
                        o.chain_hash, o.created_at,
                        encode(sha256(decode(o.prev_hash, 'hex') || history_digest(o.body, c.caller_name, c.caller_phone)), 'hex') AS recomputed,
                        lag(o.chain_pos) OVER w AS lag_pos, lag(o.chain_hash) OVER w AS lag_hash
                    FROM outbox o JOIN tickets t USING (ticket_id) LEFT JOIN public.tickets c ON c.id = o.ticket_id
                    WHERE o.chain_hash IS NOT NULL
                    WINDOW w AS (PARTITION BY o.ticket_id ORDER BY o.chain_pos)
                ),
                checked AS (
                    SELECT seq, event_id, ticket_id, chain_pos, created_at,
                        CASE WHEN recomputed IS DISTINCT FROM chain_hash THEN 'hash mismatch'
                             WHEN lag_pos IS DISTINCT FROM NULLIF(chain_pos - 1, 0)
                               OR (chain_pos > 1 AND lag_hash IS DISTINCT FROM prev_hash)
                               OR (chain_pos = 1 AND prev_hash <> repeat('0', 64)) THEN 'chain gap' END AS broken
                    FROM chain
                )
            SELECT count(*) OVER () AS events, event_id, ticket_id, chain_pos, broken
            FROM checked ORDER BY broken IS NULL, created_at, seq
            LIMIT 1
            """,
            [from, to]
        )
        var report = Report(events: 0, days: 0, firstBreak: nil)
        if let row = rows.first {
            report.events = try row.decode("events", as: Int.self)
            if let kind = try row.decode("broken", as: String?.self) {
                report.firstBreak = Break(
                    kind: kind, what: try row.decode("event_id", as: String.self), ticketId: try row.decode("ticket_id", as: String.self),
                    position: try row.decode("chain_pos", as: Int.self)
                )
                return report
            }
        }
        let days = try connection.query(
            """
            SELECT r.day::text AS day, r.root, r.events, \(Self.rootExpression) AS recomputed, count(o.seq)::int AS counted
            FROM history_roots r LEFT JOIN outbox o ON o.chain_hash IS NOT NULL
                AND o.created_at >= (r.day::timestamp AT TIME ZONE $3) AND o.created_at < ((r.day + 1)::timestamp AT TIME ZONE $3)
            WHERE r.day >= ($1::timestamptz AT TIME ZONE $3)::date AND r.day < ($2::timestamptz AT TIME ZONE $3)::date + 1
            GROUP BY r.day, r.root, r.events ORDER BY r.day
            """,
            [from, to, self.timeZone.identifier]
        )
        report.days = days.count
        for day in days {
            let stored = try day.decode("root", as: String.self)
            let recomputed = try day.decode("recomputed", as: String?.self) ?? Self.emptyRoot
            let events = try day.decode("events", as: Int.self)
            let counted = try day.decode("counted", as: Int.self)
            if stored != recomputed || events != counted {
                let name = try day.decode("day", as: String.self)
                report.firstBreak = Break(kind: "root mismatch", what: "day \(name)", ticketId: nil, position: nil)
                return report
            }
        }
        return report
    }

    /// Seals the roots of finished local days (before today) that have chained events and no
    /// root yet; returns the days sealed. Safe to run by several dispatchers at once.
    @discardableResult
    public func seal(now: Date = Date(), on connection: PostgresConnection) throws -> [String] {
        let rows = try connection.query(
            """
            INSERT INTO history_roots (day, events, root)
            SELECT (o.created_at AT TIME ZONE $2)::date AS day, count(*), \(Self.rootExpression)
            FROM outbox o WHERE o.chain_hash IS NOT NULL AND o.created_at < (($1::timestamptz AT TIME ZONE $2)::date::timestamp AT TIME ZONE $2)
                AND o.created_at >= COALESCE((SELECT (max(day) + 1)::timestamp AT TIME ZONE $2 FROM history_roots), '-infinity')
            GROUP BY 1
            ON CONFLICT (day) DO NOTHING
            RETURNING day::text AS day
            """,
            [now, self.timeZone.identifier]
        )
        return try rows.map { try $0.decode("day", as: String.self) }
    }

    /// Seals one finished local day (`YYYY-MM-DD`, before today) if it has chained events and
    /// no root yet, e.g. a day before the first automatic seal; returns whether it sealed it.
    @discardableResult
    public func seal(day: String, now: Date = Date(), on connection: PostgresConnection) throws -> Bool {
        let rows = try connection.query(
            """
            INSERT INTO history_roots (day, events, root)
            SELECT $1::date, count(*), \(Self.rootExpression)
            FROM outbox o WHERE o.chain_hash IS NOT NULL AND $1::date < ($2::timestamptz AT TIME ZONE $3)::date
                AND o.created_at >= ($1::date::timestamp AT TIME ZONE $3) AND o.created_at < (($1::date + 1)::timestamp AT TIME ZONE $3)
            HAVING count(*) > 0
            ON CONFLICT (day) DO NOTHING
            RETURNING day
            """,
            [day, now, self.timeZone.identifier]
        )
        return !rows.isEmpty
    }

    /// The root of a day: sha256 over its events' chain hashes in `seq` order (SQL aggregate).
    static let rootExpression = "encode(sha256(convert_to(string_agg(o.chain_hash, '' ORDER BY o.seq), 'UTF8')), 'hex')"

    /// The root of a day without events.
    static let emptyRoot = ""

    /// The stored root of a local day (`YYYY-MM-DD`), if sealed.
    public func root(of day: String, on connection: PostgresConnection) throws -> (root: String, events: Int)? {
        guard let row = try connection.query("SELECT root, events FROM history_roots WHERE day = $1::date", [day]).first else { return nil }
        return (try row.decode("root", as: String.self), try row.decode("events", as: Int.self))
    }
}
