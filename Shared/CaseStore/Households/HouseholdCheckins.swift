import Foundation
import HotlineDomain
import Postgres

/// The daily check-in (平安打卡) ledger: one row per household and local day, planned with its
/// SMS, answered by a reply from one of the household's phones, or missed at its deadline.
public struct HouseholdCheckins: Sendable {
    public init() {}

    /// One day's check-in of a household.
    public struct Checkin: Codable, Sendable {
        public var household: String
        public var day: String
        public var sentTo: String
        public var notificationId: String
        public var dueAt: Date
        public var answeredAt: Date?
        public var answeredBy: String?
        public var missedAt: Date?
        public var ticketId: String?

        /// A check-in about to be claimed.
        public init(household: String, day: String, sentTo: String, notificationId: String, dueAt: Date) {
            self.household = household
            self.day = day
            self.sentTo = sentTo
            self.notificationId = notificationId
            self.dueAt = dueAt
        }
    }

    /// The columns `checkin(_:)` reads, of the table under `alias` (needed where a join repeats
    /// `household` and `day`).
    static func columns(_ alias: String = "household_checkins") -> String {
        let a = alias + "."
        return """
            \(a)household, \(a)day::text AS day, \(a)sent_to, \(a)notification_id::text AS notification_id, \(a)due_at, \(a)answered_at,
            \(a)answered_by, \(a)missed_at, \(a)ticket_id::text AS ticket_id
            """
    }

    static func checkin(_ row: PostgresRow) throws -> Checkin {
        var checkin = Checkin(
            household: try row.decode("household", as: String.self), day: try row.decode("day", as: String.self),
            sentTo: try row.decode("sent_to", as: String.self), notificationId: try row.decode("notification_id", as: String.self),
            dueAt: try row.decode("due_at", as: Date.self)
        )
        checkin.answeredAt = try row.decode("answered_at", as: Date?.self)
        checkin.answeredBy = try row.decode("answered_by", as: String?.self)
        checkin.missedAt = try row.decode("missed_at", as: Date?.self)
        checkin.ticketId = try row.decode("ticket_id", as: String?.self)
        return checkin
    }

    /// Households marked for check-in that have no check-in on `day` yet (at most `limit`).
    public func unplanned(day: String, limit: Int, on connection: PostgresConnection) throws -> [HouseholdRecord] {
        try connection.query(
            """
            SELECT \(HouseholdRecord.columns) FROM households h
            WHERE checkin AND kind = 'residential'
              AND NOT EXISTS (SELECT 1 FROM household_checkins c WHERE c.household = h.code AND c.day = $1::date)
            ORDER BY code LIMIT $2
            """,
            [day, limit]
        ).map(HouseholdRecord.init(row:))
    }

    /// Claims the day's check-ins; returns the households actually claimed (another notifier,
    /// or this one before a restart, may have claimed some: the key makes it once a day).
    public func claim(_ checkins: [Checkin], on connection: PostgresConnection) throws -> Set<String> {
        guard !checkins.isEmpty else { return [] }
        let rows = try connection.query(
            """
            INSERT INTO household_checkins (household, day, sent_to, notification_id, due_at)
            SELECT h, d::date, s, n::uuid, u::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                AS c(h, d, s, n, u)
            ON CONFLICT (household, day) DO NOTHING RETURNING household
            """,
            [checkins.map(\.household), checkins.map(\.day), checkins.map(\.sentTo), checkins.map(\.notificationId), checkins.map(\.dueAt)]
        )
        return Set(try rows.map { try $0.decode("household", as: String.self) })
    }

    /// Unanswered check-ins past their deadline, locked for this transaction (others skip them).
    public func overdue(at now: Date, limit: Int, on connection: PostgresConnection) throws -> [Checkin] {
        try connection.query(
            """
            SELECT \(Self.columns()) FROM household_checkins
            WHERE answered_at IS NULL AND missed_at IS NULL AND due_at <= $1
            ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED
            """,
            [now, limit]
        ).map(Self.checkin)
    }

    /// Marks a check-in missed, with the ticket that follows it up.
    public func markMissed(_ checkin: Checkin, ticketId: String, on connection: PostgresConnection) throws {
        try connection.query(
            "UPDATE household_checkins SET missed_at = now(), ticket_id = $3::uuid WHERE household = $1 AND day = $2::date",
            [checkin.household, checkin.day, ticketId]
        )
    }

    /// The household's open wellbeing ticket, if a missed check-in already opened one: silence
    /// on the following days adds to it (and its deadlines escalate it) instead of opening more.
    public func openWellbeingTicket(of household: String, on connection: PostgresConnection) throws -> (id: String, number: String)? {
        try connection.query(
            """
            SELECT id::text AS id, number FROM tickets
            WHERE household = $1 AND category = $2 AND status NOT IN ('resolved', 'closed', 'cancelled', 'duplicate')
            ORDER BY created_at DESC LIMIT 1
            """,
            [household, Category.wellbeingCheck]
        ).first.map { (try $0.decode("id", as: String.self), try $0.decode("number", as: String.self)) }
    }

    /// Records a reply from `phone`, received at `time`, as the check-in of its household: the
    /// latest unanswered one whose SMS was planned before `time` and whose deadline is not past
    /// (a reply before the day's send or after its deadline counts for nothing). Returns it
    /// (`missedAt` is set only when the deadline job marked it a moment before the reply landed).
    public func answer(from phone: String, at time: Date, on connection: PostgresConnection) throws -> Checkin? {
        try connection.query(
            """
            UPDATE household_checkins c SET answered_at = $2, answered_by = $1
            FROM (
                SELECT c.household, c.day FROM household_checkins c JOIN household_phones p ON p.household = c.household
                WHERE p.phone = $1 AND c.answered_at IS NULL AND c.planned_at <= $2::timestamptz AND c.due_at >= $2::timestamptz
                ORDER BY c.planned_at DESC LIMIT 1 FOR UPDATE OF c
            ) pending
            WHERE c.household = pending.household AND c.day = pending.day
            RETURNING \(Self.columns("c"))
            """,
            [phone, time]
        ).first.map(Self.checkin)
    }

    /// Whether `phone` has a check-in waiting for its answer (so that a `1` is read as a
    /// check-in, not as a rating).
    public func isPending(for phone: String, at time: Date, on connection: PostgresConnection) throws -> Bool {
        try !connection.query(
            """
            SELECT 1 FROM household_checkins c JOIN household_phones p ON p.household = c.household
            WHERE p.phone = $1 AND c.answered_at IS NULL AND c.planned_at <= $2::timestamptz AND c.due_at >= $2::timestamptz LIMIT 1
            """,
            [phone, time]
        ).isEmpty
    }

    /// A household's recent check-ins, newest first.
    public func recent(of household: String, limit: Int = 14, on connection: PostgresConnection) throws -> [Checkin] {
        try connection.query(
            "SELECT \(Self.columns()) FROM household_checkins WHERE household = $1 ORDER BY day DESC LIMIT $2", [household, limit]
        ).map(Self.checkin)
    }
}
