import Foundation
import HotlineDomain
import Postgres

/// The volunteers table (CONTRACTS section 16): import, look-ups by code and phone, who an order
/// is offered to, and the community's ranking. Every function takes the caller's transaction.
public struct VolunteerStore: Sendable {
    /// Zone whose weekday decides who is available today.
    public let timeZone: TimeZone

    /// A store judging availability by weekday in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    static let columns = "code, name, phone, community, skills, weekdays, paused, points"

    /// What an import changed.
    public struct ImportSummary: Sendable {
        /// New volunteers.
        public var created = 0
        /// Volunteers whose fields changed.
        public var updated = 0
        /// Volunteers already as given.
        public var unchanged = 0
    }

    /// Upserts `volunteers` (an import or an API add/change): the points are never touched;
    /// each one's `observes` replace the households it observed before.
    public func upsert(_ volunteers: [Volunteer], on connection: PostgresConnection) throws -> ImportSummary {
        var summary = ImportSummary()
        for volunteer in volunteers {
            let rows = try connection.query(
                """
                INSERT INTO volunteers (code, name, phone, community, skills, weekdays, paused)
                VALUES ($1, $2, $3, $4, $5::text[], $6::int[], $7)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, community = EXCLUDED.community,
                    skills = EXCLUDED.skills, weekdays = EXCLUDED.weekdays, paused = EXCLUDED.paused, updated_at = now()
                WHERE (volunteers.name, volunteers.phone, volunteers.community, volunteers.skills, volunteers.weekdays, volunteers.paused)
                    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.phone, EXCLUDED.community, EXCLUDED.skills, EXCLUDED.weekdays, EXCLUDED.paused)
                RETURNING (xmax = 0) AS inserted
                """,
                [volunteer.code, volunteer.name, volunteer.phone, volunteer.community, volunteer.skills, volunteer.weekdays, volunteer.paused]
            )
            if let row = rows.first {
                if try row.decode("inserted", as: Bool.self) { summary.created += 1 } else { summary.updated += 1 }
            } else {
                summary.unchanged += 1
            }
            try connection.query("DELETE FROM household_observers WHERE volunteer = $1 AND NOT (household = ANY($2::text[]))", [volunteer.code, volunteer.observes])
            for household in volunteer.observes {
                try connection.query(
                    """
                    INSERT INTO household_observers (household, volunteer) VALUES ($1, $2)
                    ON CONFLICT (household) DO UPDATE SET volunteer = EXCLUDED.volunteer, since = now()
                    WHERE household_observers.volunteer <> EXCLUDED.volunteer
                    """,
                    [household, volunteer.code]
                )
            }
        }
        return summary
    }

    /// Volunteers other than the given ones who already have one of their phones: (code, phone).
    public func phoneClashes(_ volunteers: [Volunteer], on connection: PostgresConnection) throws -> [(code: String, phone: String)] {
        try connection.query(
            "SELECT code, phone FROM volunteers WHERE phone = ANY($1::text[]) AND NOT (code = ANY($2::text[])) ORDER BY code",
            [volunteers.map(\.phone), volunteers.map(\.code)]
        ).map { (try $0.decode("code", as: String.self), try $0.decode("phone", as: String.self)) }
    }

    /// The volunteer with this code, with its balance.
    public func find(code: String, on connection: PostgresConnection) throws -> VolunteerRecord? {
        try connection.query("SELECT \(Self.columns) FROM volunteers WHERE code = $1", [code]).first.map(VolunteerRecord.init(row:))
    }

    /// The volunteer whose phone this is (normalized), if any.
    public func find(phone: String, on connection: PostgresConnection) throws -> VolunteerRecord? {
        try connection.query("SELECT \(Self.columns) FROM volunteers WHERE phone = $1", [phone]).first.map(VolunteerRecord.init(row:))
    }

    /// The volunteers of `community` (all communities when nil), best balance first, with their rank.
    public func ranking(community: String?, limit: Int = 500, on connection: PostgresConnection) throws -> [VolunteerRecord] {
        let rows = try connection.query(
            "SELECT \(Self.columns) FROM volunteers WHERE ($1::text IS NULL OR community = $1) ORDER BY points DESC, code LIMIT \(limit)",
            [community]
        )
        return try rows.map(VolunteerRecord.init(row:))
    }

    /// Households this volunteer observes.
    public func observed(by code: String, on connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT household FROM household_observers WHERE volunteer = $1 ORDER BY household", [code])
            .map { try $0.decode("household", as: String.self) }
    }

    /// The observer (专属观察员) of a household, unless paused.
    public func observer(of household: String, on connection: PostgresConnection) throws -> VolunteerRecord? {
        try connection.query(
            """
            SELECT \(Self.columns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM household_observers o JOIN volunteers v ON v.code = o.volunteer WHERE o.household = $1 AND NOT v.paused
            """,
            [household]
        ).first.map(VolunteerRecord.init(row:))
    }

    /// The volunteers an order of `category` in `community` is offered to at `now`: not paused,
    /// with the skill, available on today's weekday.
    public func candidates(category: String, community: String, at now: Date, on connection: PostgresConnection) throws -> [VolunteerRecord] {
        let key = UUID().uuidString.lowercased()
        return try self.candidates(orders: [(ticket: key, category: category, community: community)], at: now, on: connection)[key] ?? []
    }

    /// ``candidates(category:community:at:on:)`` for many orders in one query: by the order's
    /// (lower-case) ticket id, each list in code order; an order nobody can be offered is absent.
    public func candidates(
        orders: [(ticket: String, category: String, community: String)], at now: Date, on connection: PostgresConnection
    ) throws -> [String: [VolunteerRecord]] {
        guard !orders.isEmpty else { return [:] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let weekday = (calendar.component(.weekday, from: now) + 5) % 7 + 1  // Sunday 1 -> 7, Monday 2 -> 1
        let columns = Self.columns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        let rows = try connection.query(
            """
            SELECT k.ticket, \(columns) FROM unnest($1::text[], $2::text[], $3::text[]) AS k(ticket, category, community)
            JOIN volunteers v ON v.community = k.community AND k.category = ANY(v.skills) AND NOT v.paused
                AND (cardinality(v.weekdays) = 0 OR $4::int = ANY(v.weekdays))
            ORDER BY k.ticket, v.code
            """,
            [orders.map { $0.ticket.lowercased() }, orders.map(\.category), orders.map(\.community), weekday]
        )
        let wanted = Dictionary(orders.map { ($0.ticket.lowercased(), ($0.category, $0.community)) }, uniquingKeysWith: { a, _ in a })
        var out: [String: [VolunteerRecord]] = [:]
        for row in rows {
            let ticket = try row.decode("ticket", as: String.self)
            let record = try VolunteerRecord(row: row)
            guard let (category, community) = wanted[ticket],
                record.volunteer.isOffered(category: category, community: community, weekday: weekday)
            else { continue }
            out[ticket, default: []].append(record)
        }
        return out
    }
}
