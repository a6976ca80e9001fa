import Foundation
import HotlineDomain
import Postgres

/// The households registry (一户一档): import, read, change and colour, in PostgreSQL.
///
/// Colours are computed here, in Swift, from the catalog's rules, on import and on every change,
/// and written with the row, so that routing and statistics read a plain column.
public struct HouseholdStore: Sendable {
    /// The business time zone: it decides the year ages count in and the check-in day.
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// What an import did.
    public struct ImportSummary: Codable, Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var colours: [String: Int] = [:]
    }

    /// The calendar year in the business time zone (ages are counted in it).
    public func year(_ now: Date = Date()) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        return calendar.component(.year, from: now)
    }

    /// Upserts households in one go (an idempotent re-import changes nothing): rows whose file or
    /// rule colour changed are written with their phones and a history entry; an operator's
    /// colour override survives.
    public func importHouseholds(
        _ households: [Household], rules: HouseholdRules, actor: String, on connection: PostgresConnection
    ) throws -> ImportSummary {
        let year = self.year()
        let existing = Dictionary(
            try connection.query("SELECT \(HouseholdRecord.columns) FROM households WHERE code = ANY($1::text[])", [households.map(\.code)])
                .map { try HouseholdRecord(row: $0) }.map { ($0.household.code, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        var summary = ImportSummary()
        var changed: [(Household, HouseholdRules.Assessment, HouseholdRecord?)] = []
        for household in households {
            let assessment = rules.assess(household, in: year)
            let before = existing[household.code]
            let colour = before?.override?.colour ?? assessment.colour
            summary.colours[colour.rawValue, default: 0] += 1
            if let before, before.household == household, before.ruleColour == assessment.colour, before.colourReason == assessment.reason {
                summary.unchanged += 1
                continue
            }
            if before == nil { summary.created += 1 } else { summary.updated += 1 }
            changed.append((household, assessment, before))
        }
        try self.write(changed, actor: actor, action: { $0 == nil ? "imported" : "reimported" }, on: connection)
        return summary
    }

    /// Recolours every household after the catalog's rules changed (a jurisdiction import);
    /// returns how many changed colour or reason.
    public func recolourAll(rules: HouseholdRules, actor: String, on connection: PostgresConnection) throws -> Int {
        let year = self.year()
        let changed = try connection.query("SELECT \(HouseholdRecord.columns) FROM households ORDER BY code FOR UPDATE")
            .map(HouseholdRecord.init(row:))
            .compactMap { record -> (Household, HouseholdRules.Assessment, HouseholdRecord?)? in
                let assessment = rules.assess(record.household, in: year)
                guard assessment.colour != record.ruleColour || assessment.reason != record.colourReason else { return nil }
                return (record.household, assessment, record)
            }
        try self.write(changed, actor: actor, action: { _ in "recoloured" }, on: connection)
        return changed.count
    }

    /// Writes households with their colour, phones and one history entry each.
    func write(
        _ changes: [(Household, HouseholdRules.Assessment, HouseholdRecord?)], actor: String,
        action: (HouseholdRecord?) -> String, on connection: PostgresConnection
    ) throws {
        guard !changes.isEmpty else { return }
        let encoder = HotlineJSON.encoder()
        func json<T: Encodable>(_ value: T?) throws -> String? {
            try value.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        }
        let households = changes.map(\.0)
        try connection.query(
            """
            INSERT INTO households (code, address, address_key, grid, lat, lon, kind, checkin, watcher, members, colour,
                rule_colour, colour_reason)
            SELECT c, a, ak, g, la::float8, lo::float8, k, ci::boolean, w::jsonb, m::jsonb, rc, rc, r
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[]) AS n(c, a, ak, g, la, lo, k, ci, w, m, rc, r)
            ON CONFLICT (code) DO UPDATE SET address = EXCLUDED.address, address_key = EXCLUDED.address_key,
                grid = EXCLUDED.grid, lat = EXCLUDED.lat, lon = EXCLUDED.lon, kind = EXCLUDED.kind, checkin = EXCLUDED.checkin,
                watcher = EXCLUDED.watcher, members = EXCLUDED.members, rule_colour = EXCLUDED.rule_colour,
                colour_reason = EXCLUDED.colour_reason, colour = COALESCE(households.override_colour, EXCLUDED.rule_colour),
                updated_at = now()
            """,
            [
                households.map(\.code), households.map(\.address), households.map { Household.addressKey($0.address) },
                households.map(\.grid), households.map { $0.coordinate.map { String($0.lat) } },
                households.map { $0.coordinate.map { String($0.lon) } }, households.map(\.kind.rawValue),
                households.map { $0.checkin ? "true" : "false" }, try households.map { try json($0.watcher) },
                try households.map { try json($0.members) }, changes.map(\.1.colour.rawValue), changes.map(\.1.reason),
            ]
        )
        try self.writePhones(households, on: connection)
        try self.record(
            changes.map { household, assessment, before in
                var detail: [String: JSONValue] = ["colour": .string(assessment.colour.rawValue), "reason": .string(assessment.reason)]
                if let before, before.ruleColour != assessment.colour { detail["previousColour"] = .string(before.ruleColour.rawValue) }
                return (household.code, action(before), detail)
            },
            actor: actor, on: connection
        )
    }

    /// Replaces the phones of these households.
    private func writePhones(_ households: [Household], on connection: PostgresConnection) throws {
        try connection.query("DELETE FROM household_phones WHERE household = ANY($1::text[])", [households.map(\.code)])
        var rows: [(phone: String, household: String, role: String)] = []
        for household in households {
            for phone in Set(household.members.compactMap(\.phone)) { rows.append((phone, household.code, "member")) }
            if let watcher = household.watcher { rows.append((watcher.phone, household.code, "watcher")) }
        }
        guard !rows.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO household_phones (phone, household, role) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT DO NOTHING
            """,
            [rows.map(\.phone), rows.map(\.household), rows.map(\.role)]
        )
    }

    /// Appends history entries (`household` `*` for the registry as a whole, e.g. an export).
    public func record(_ entries: [(household: String, action: String, detail: [String: JSONValue])], actor: String, on connection: PostgresConnection) throws {
        guard !entries.isEmpty else { return }
        let encoder = HotlineJSON.encoder()
        try connection.query(
            """
            INSERT INTO household_events (household, actor, action, detail)
            SELECT h, $4, a, d::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS n(h, a, d)
            """,
            [
                entries.map(\.household), entries.map(\.action),
                try entries.map { String(decoding: try encoder.encode(JSONValue.object($0.detail)), as: UTF8.self) }, actor,
            ]
        )
    }

    /// The household with this code.
    public func find(_ code: String, on connection: PostgresConnection) throws -> HouseholdRecord? {
        try connection.query("SELECT \(HouseholdRecord.columns) FROM households WHERE code = $1", [code]).first.map(HouseholdRecord.init(row:))
    }

    /// A filter for listing households.
    public struct Filter: Sendable {
        public var grids: [String]?
        public var colour: HouseholdColour?
        public var kind: HouseholdKind?
        public var checkin: Bool?
        /// Part of the code, the address or a member's name (never a phone: see `phone`).
        public var text: String?
        /// A phone of the household (a member's or the watcher's), matched exactly.
        public var phone: String?
        public var after: String?
        public var limit: Int

        public init(
            grids: [String]? = nil, colour: HouseholdColour? = nil, kind: HouseholdKind? = nil, checkin: Bool? = nil,
            text: String? = nil, phone: String? = nil, after: String? = nil, limit: Int = 50
        ) {
            self.phone = phone
            self.grids = grids
            self.colour = colour
            self.kind = kind
            self.checkin = checkin
            self.text = text
            self.after = after
            self.limit = limit
        }
    }

    /// A page of households in code order (keyset on the code).
    public func list(_ filter: Filter, on connection: PostgresConnection) throws -> [HouseholdRecord] {
        try connection.query(
            """
            SELECT \(HouseholdRecord.columns) FROM households
            WHERE ($1::text[] IS NULL OR grid = ANY($1::text[])) AND ($2::text IS NULL OR colour = $2)
              AND ($3::text IS NULL OR kind = $3) AND ($4::boolean IS NULL OR checkin = $4)
              AND ($5::text IS NULL OR code ILIKE '%' || $5 || '%' OR address ILIKE '%' || $5 || '%'
                   OR EXISTS (SELECT 1 FROM jsonb_array_elements(members) m WHERE m->>'name' LIKE '%' || $5 || '%'))
              AND ($6::text IS NULL OR code > $6)
              AND ($8::text IS NULL OR code IN (SELECT household FROM household_phones WHERE phone = $8))
            ORDER BY code LIMIT $7
            """,
            [filter.grids, filter.colour?.rawValue, filter.kind?.rawValue, filter.checkin, filter.text, filter.after, filter.limit, filter.phone]
        ).map(HouseholdRecord.init(row:))
    }

    /// Replaces a household's file (address, kind, check-in, watcher, members, grid) and
    /// recolours it; the change is in its history.
    public func update(_ household: Household, rules: HouseholdRules, actor: String, on connection: PostgresConnection) throws -> HouseholdRecord? {
        guard let before = try connection.query(
            "SELECT \(HouseholdRecord.columns) FROM households WHERE code = $1 FOR UPDATE", [household.code]
        ).first.map(HouseholdRecord.init(row:)) else { return nil }
        try self.write([(household, rules.assess(household, in: self.year()), before)], actor: actor, action: { _ in "updated" }, on: connection)
        return try self.find(household.code, on: connection)
    }

    /// Sets (or with `nil` clears) an operator's colour override; the reason is required and kept.
    public func overrideColour(
        _ code: String, colour: HouseholdColour?, reason: String, actor: String, on connection: PostgresConnection
    ) throws -> HouseholdRecord? {
        let rows = try connection.query(
            """
            UPDATE households SET override_colour = $2, override_reason = CASE WHEN $2::text IS NULL THEN NULL ELSE $3 END,
                override_by = CASE WHEN $2::text IS NULL THEN NULL ELSE $4 END,
                override_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END,
                colour = COALESCE($2, rule_colour), updated_at = now()
            WHERE code = $1 RETURNING colour
            """,
            [code, colour?.rawValue, reason, actor]
        )
        guard let row = rows.first else { return nil }
        var detail: [String: JSONValue] = ["colour": .string(try row.decode("colour", as: String.self)), "reason": .string(reason)]
        detail["override"] = colour.map { .string($0.rawValue) } ?? .null
        try self.record([(code, colour == nil ? "override cleared" : "colour overridden", detail)], actor: actor, on: connection)
        return try self.find(code, on: connection)
    }

    /// Records that someone read a household's file.
    public func recordRead(_ code: String, actor: String, role: String, keyId: String?, on connection: PostgresConnection) throws {
        try connection.query(
            "INSERT INTO household_reads (household, actor, role, key_id) VALUES ($1, $2, $3, $4::uuid)", [code, actor, role, keyId]
        )
    }

    /// One entry of a household's history.
    public struct HistoryEntry: Codable, Sendable {
        public var at: Date
        public var actor: String
        public var action: String
        public var detail: JSONValue
    }

    /// The household's history, oldest first.
    public func history(of code: String, on connection: PostgresConnection) throws -> [HistoryEntry] {
        try connection.query(
            "SELECT at, actor, action, detail::text AS detail FROM household_events WHERE household = $1 ORDER BY id", [code]
        ).map { row in
            HistoryEntry(
                at: try row.decode("at", as: Date.self), actor: try row.decode("actor", as: String.self),
                action: try row.decode("action", as: String.self),
                detail: try JSONValue(parsing: Data(try row.decode("detail", as: String.self).utf8))
            )
        }
    }

    /// One read of a household's file.
    public struct Read: Codable, Sendable {
        public var at: Date
        public var actor: String
        public var role: String
    }

    /// Who read the household's file, newest first.
    public func reads(of code: String, limit: Int = 100, on connection: PostgresConnection) throws -> [Read] {
        try connection.query(
            "SELECT at, actor, role FROM household_reads WHERE household = $1 ORDER BY id DESC LIMIT $2", [code, limit]
        ).map { Read(at: try $0.decode("at", as: Date.self), actor: try $0.decode("actor", as: String.self), role: try $0.decode("role", as: String.self)) }
    }

    /// Records that a ticket is about a household (its page lists it; routing reads it).
    public func attach(ticket id: String, to code: String, on connection: PostgresConnection) throws {
        try connection.query("UPDATE tickets SET household = $2 WHERE id = $1::uuid", [id, code])
    }

    /// The household a ticket comes from: by the caller's phone (a member's), else by the exact
    /// address; the most severe colour wins when several match.
    public func match(phone: String?, address: String?, on connection: PostgresConnection) throws -> HouseholdTag? {
        guard phone != nil || address != nil else { return nil }
        let rows = try connection.query(
            """
            SELECT \(HouseholdRecord.columns), m.by FROM (
                SELECT household AS code, 'caller phone' AS by, 0 AS rank FROM household_phones WHERE phone = $1 AND role = 'member'
                UNION ALL SELECT code, 'address', 1 FROM households WHERE address_key = $2
            ) m JOIN households USING (code)
            ORDER BY CASE colour WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, m.rank, code LIMIT 1
            """,
            [phone, address.map(Household.addressKey)]
        )
        guard let row = rows.first else { return nil }
        return try HouseholdRecord(row: row).tag(matchedBy: try row.decode("by", as: String.self))
    }
}
