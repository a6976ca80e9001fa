import Foundation
import HotlineDomain
import Postgres

/// The points ledger (家庭文明积分台账): append-only rows with who and why, each holding the
/// balance after it. Every change locks the volunteer's row, checks ``PointsLedgerRules`` and
/// writes the row and the new balance in the caller's transaction; the table's constraints
/// (balance >= 0, one service award per order, no update or delete) hold whatever a writer does.
public struct VolunteerLedger: Sendable {
    /// The caps and limits.
    public let rules: PointsLedgerRules
    /// Zone whose calendar month the good-deed cap counts.
    public let timeZone: TimeZone

    /// A ledger applying `rules`, counting months in `timeZone`.
    public init(rules: PointsLedgerRules = PointsLedgerRules(), timeZone: TimeZone) {
        self.rules = rules
        self.timeZone = timeZone
    }

    /// One row of the ledger.
    public struct Entry: Codable, Sendable {
        public var id: Int64
        public var volunteer: String
        public var delta: Int
        public var balance: Int
        public var reason: String
        public var deed: String?
        public var item: String?
        public var note: String?
        public var ticketId: String?
        public var ticketNumber: String?
        public var byRole: String
        public var byName: String
        public var at: Date
    }

    /// Why a change was refused: the rules' refusal, or an unknown volunteer.
    public enum Failure: Error, Sendable {
        case unknownVolunteer(String)
        case refused(PointsLedgerRules.Refusal)
    }

    /// The balance of `volunteer`, its row locked until the transaction ends.
    private func lockBalance(_ volunteer: String, on connection: PostgresConnection) throws -> Int {
        guard let row = try connection.query("SELECT points FROM volunteers WHERE code = $1 FOR UPDATE", [volunteer]).first else {
            throw Failure.unknownVolunteer(volunteer)
        }
        return try row.decode("points", as: Int.self)
    }

    /// Appends a row and sets the balance.
    private func append(
        _ volunteer: String, delta: Int, balance: Int, reason: PointsLedgerRules.Reason, deed: String? = nil, item: String? = nil,
        note: String?, ticketId: String? = nil, byRole: String, byName: String, on connection: PostgresConnection
    ) throws -> Entry? {
        let rows = try connection.query(
            """
            INSERT INTO volunteer_points (volunteer, delta, balance, reason, deed, item, note, ticket_id, by_role, by_name)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid, $9, $10)
            ON CONFLICT (ticket_id) WHERE reason = 'service' DO NOTHING
            RETURNING \(Self.columns)
            """,
            [volunteer, delta, balance, reason.rawValue, deed, item, note, ticketId, byRole, byName]
        )
        guard let row = rows.first else { return nil }
        try connection.query("UPDATE volunteers SET points = $2, updated_at = now() WHERE code = $1", [volunteer, balance])
        return try Self.entry(row)
    }

    /// A satisfied close of an order earns its volunteer `points`, once per ticket.
    @discardableResult
    public func earn(_ volunteer: String, points: Int, ticketId: String, on connection: PostgresConnection) throws -> Entry? {
        guard points > 0 else { return nil }
        let balance = try self.lockBalance(volunteer, on: connection)
        return try self.append(
            volunteer, delta: points, balance: self.rules.earn(points, balance: balance), reason: .service, note: "服务工单满意办结",
            ticketId: ticketId, byRole: "system", byName: "群众评单", on: connection
        )
    }

    /// A secretary's award for a good deed, within the monthly cap.
    public func award(
        _ volunteer: String, deed: PointsLedgerRules.GoodDeed, points: Int, note: String?, byRole: String, byName: String,
        on connection: PostgresConnection
    ) throws -> Entry {
        let balance = try self.lockBalance(volunteer, on: connection)
        let month = try connection.query(
            """
            SELECT COALESCE(sum(delta), 0)::int8 AS awarded FROM volunteer_points
            WHERE volunteer = $1 AND reason = 'good_deed' AND at >= (date_trunc('month', now() AT TIME ZONE $2) AT TIME ZONE $2)
            """,
            [volunteer, self.timeZone.identifier]
        )
        let awarded = Int(try month.first?.decode("awarded", as: Int64.self) ?? 0)
        let next: Int
        do { next = try self.rules.award(points, note: note, balance: balance, awardedThisMonth: awarded) } catch { throw Failure.refused(error) }
        guard let entry = try self.append(
            volunteer, delta: points, balance: next, reason: .goodDeed, deed: deed.rawValue, note: note, byRole: byRole, byName: byName,
            on: connection
        ) else { throw Failure.unknownVolunteer(volunteer) }
        return entry
    }

    /// A redemption (积分兑换) of `points` for `item`; refused beyond the balance.
    public func redeem(
        _ volunteer: String, points: Int, item: String?, note: String?, byRole: String, byName: String, on connection: PostgresConnection
    ) throws -> Entry {
        let balance = try self.lockBalance(volunteer, on: connection)
        let next: Int
        do { next = try self.rules.redeem(points, item: item, balance: balance) } catch { throw Failure.refused(error) }
        guard let entry = try self.append(
            volunteer, delta: -points, balance: next, reason: .redemption, item: item, note: note, byRole: byRole, byName: byName,
            on: connection
        ) else { throw Failure.unknownVolunteer(volunteer) }
        return entry
    }

    /// The volunteer's rows, newest first.
    public func entries(of volunteer: String, limit: Int = 200, on connection: PostgresConnection) throws -> [Entry] {
        try connection.query(
            "SELECT \(Self.columns) FROM volunteer_points WHERE volunteer = $1 ORDER BY id DESC LIMIT \(limit)", [volunteer]
        ).map(Self.entry)
    }

    static let columns = """
        id, volunteer, delta, balance, reason, deed, item, note, ticket_id::text AS ticket_id,
        (SELECT number FROM tickets t WHERE t.id = volunteer_points.ticket_id) AS ticket_number, by_role, by_name, at
        """

    static func entry(_ row: PostgresRow) throws -> Entry {
        Entry(
            id: try row.decode("id", as: Int64.self), volunteer: try row.decode("volunteer", as: String.self),
            delta: try row.decode("delta", as: Int.self), balance: try row.decode("balance", as: Int.self),
            reason: try row.decode("reason", as: String.self), deed: try row.decode("deed", as: String?.self),
            item: try row.decode("item", as: String?.self), note: try row.decode("note", as: String?.self),
            ticketId: try row.decode("ticket_id", as: String?.self), ticketNumber: try row.decode("ticket_number", as: String?.self),
            byRole: try row.decode("by_role", as: String.self), byName: try row.decode("by_name", as: String.self),
            at: try row.decode("at", as: Date.self)
        )
    }
}
