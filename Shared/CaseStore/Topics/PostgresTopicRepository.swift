import Foundation
import HotlineDomain
import Postgres

/// ``TopicRepository`` over the `topics` and `topic_tickets` tables (migration 48) and the
/// tickets they point at.
public struct PostgresTopicRepository: TopicRepository {
    let pool: PostgresPool
    /// The business zone: a topic is overdue the day after its target date there.
    let timeZone: TimeZone

    /// A repository on this pool.
    public init(pool: PostgresPool, timeZone: TimeZone) {
        self.pool = pool
        self.timeZone = timeZone
    }

    /// The columns ``Topic`` reads, with its ticket counts; `t` is the topics row.
    static let columns = """
        t.id::text AS id, t.month, t.category, t.area_level, t.area_code, t.title, t.owner_department, t.target_date::text AS target_date,
        t.status, t.note, t.created_by, t.created_at, t.updated_by, t.updated_at,
        (SELECT count(*) FROM topic_tickets l WHERE l.topic_id = t.id) AS tickets,
        (SELECT count(*) FROM topic_tickets l JOIN tickets k ON k.id = l.ticket_id
            WHERE l.topic_id = t.id AND k.status IN ('resolved', 'closed')) AS resolved,
        (SELECT count(*) FROM tickets k WHERE k.category = t.category AND k.created_at >= t.created_at
            AND CASE t.area_level WHEN 'street' THEN k.street WHEN 'community' THEN k.community ELSE k.grid END = t.area_code) AS since
        """

    public func candidates(_ query: TopicCandidateQuery) async throws -> [TopicCandidate] {
        guard let column = Topic.Area.columns[query.level], query.bounds.count >= 2 else { return [] }
        let bounds = query.bounds
        let current = bounds.count - 1
        return try await self.transaction { connection in
            try connection.execute("SET LOCAL work_mem = '64MB'")
            // width_bucket puts each ticket in its month: 1 for the oldest, `current` for the asked month.
            let rows = try connection.query(
                """
                WITH cells AS (
                    SELECT category, \(column) AS code, width_bucket(created_at, $1::timestamptz[]) AS b, count(*)::int AS n
                    FROM tickets WHERE created_at >= $2 AND created_at < $3 AND category IS NOT NULL AND \(column) IS NOT NULL
                    GROUP BY 1, 2, 3
                ), top AS (
                    SELECT category, code, n FROM cells WHERE b = $4 AND n >= $5 ORDER BY n DESC, category, code LIMIT $6
                )
                SELECT c.category, c.code, c.b, c.n, top.n AS month_count, p.id::text AS topic
                FROM cells c JOIN top USING (category, code)
                LEFT JOIN topics p ON p.month = $7 AND p.category = c.category AND p.area_level = $8 AND p.area_code = c.code
                ORDER BY top.n DESC, c.category, c.code
                """,
                [bounds, bounds[0], bounds[current], current, query.minimum, query.limit, query.month, query.level]
            )
            var order: [String] = []
            var cells: [String: TopicCandidate] = [:]
            for row in rows {
                let category = try row.decode("category", as: String.self)
                let code = try row.decode("code", as: String.self)
                let key = category + "\u{1}" + code
                if cells[key] == nil {
                    order.append(key)
                    cells[key] = TopicCandidate(
                        category: category, area: .init(level: query.level, code: code), count: try row.decode("month_count", as: Int.self),
                        previous: Array(repeating: 0, count: current - 1), trend: .new, tickets: [], topicId: try row.decode("topic", as: String?.self)
                    )
                }
                let bucket = try row.decode("b", as: Int.self)
                if bucket >= 1 && bucket < current { cells[key]?.previous[bucket - 1] = try row.decode("n", as: Int.self) }
            }
            guard !order.isEmpty else { return [] }
            let categories = order.map { cells[$0]!.category }
            let codes = order.map { cells[$0]!.area.code }
            // The newest of each cell, walking the (category, created_at) index backwards.
            let tickets = try connection.query(
                """
                SELECT c.category, c.code, k.id, k.number, k.status, k.created_at, k.resolved_at
                FROM unnest($3::text[], $4::text[]) AS c(category, code), LATERAL (
                    SELECT id::text AS id, number, status, created_at, resolved_at FROM tickets
                    WHERE category = c.category AND \(column) = c.code AND created_at >= $1 AND created_at < $2
                    ORDER BY created_at DESC LIMIT $5
                ) k ORDER BY k.created_at DESC
                """,
                [bounds[current - 1], bounds[current], categories, codes, query.sample]
            )
            for row in tickets {
                let key = try row.decode("category", as: String.self) + "\u{1}" + row.decode("code", as: String.self)
                cells[key]?.tickets.append(try Self.ticket(row))
            }
            return order.compactMap { key in
                guard var cell = cells[key] else { return nil }
                cell.trend = TopicTrend.of(count: cell.count, previous: cell.previous)
                return cell
            }
        }
    }

    public func create(_ topic: NewTopic, by actor: String) async throws -> Topic {
        guard let column = Topic.Area.columns[topic.area.level] else {
            throw CaseError.invalid(field: "area", message: "must be street, community or grid")
        }
        return try await self.transaction { connection in
            let id = UUID().uuidString.lowercased()
            let inserted = try connection.query(
                """
                INSERT INTO topics (id, month, category, area_level, area_code, title, owner_department, target_date, note, created_by, updated_by)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::date, $9, $10, $10) ON CONFLICT DO NOTHING RETURNING id
                """,
                [id, topic.month, topic.category, topic.area.level, topic.area.code, topic.title, topic.ownerDepartment, topic.targetDate, topic.note, actor]
            )
            guard !inserted.isEmpty else {
                throw CaseError.refused(code: "topic_exists", message: "this category and area of \(topic.month) already is a topic")
            }
            let linked = try connection.query(
                """
                INSERT INTO topic_tickets (topic_id, ticket_id)
                SELECT $1::uuid, id FROM tickets WHERE category = $2 AND \(column) = $3 AND created_at >= $4 AND created_at < $5
                RETURNING ticket_id
                """,
                [id, topic.category, topic.area.code, topic.from, topic.to]
            )
            guard !linked.isEmpty else {
                throw CaseError.refused(code: "no_tickets", message: "no ticket of this category in this area in \(topic.month)")
            }
            return try self.topic(id, on: connection)!
        }
    }

    public func list(statuses: [TopicStatus]) async throws -> [Topic] {
        try await self.transaction { connection in
            try connection.query(
                """
                SELECT \(Self.columns) FROM topics t WHERE cardinality($1::text[]) = 0 OR t.status = ANY($1::text[])
                ORDER BY t.target_date, t.created_at LIMIT 500
                """,
                [statuses.map(\.rawValue)]
            ).map(self.topic)
        }
    }

    public func topic(_ id: String) async throws -> Topic? {
        guard UUID(uuidString: id) != nil else { return nil }
        return try await self.transaction { try self.topic(id, on: $0) }
    }

    public func tickets(of id: String, limit: Int) async throws -> [TopicTicket] {
        guard UUID(uuidString: id) != nil else { return [] }
        return try await self.transaction { connection in
            try connection.query(
                """
                SELECT k.id::text AS id, k.number, k.status, k.created_at, k.resolved_at FROM topic_tickets l JOIN tickets k ON k.id = l.ticket_id
                WHERE l.topic_id = $1::uuid ORDER BY k.created_at DESC, k.id DESC LIMIT $2
                """,
                [id, limit]
            ).map(Self.ticket)
        }
    }

    public func update(_ id: String, _ change: TopicChange, by actor: String) async throws -> Topic? {
        guard UUID(uuidString: id) != nil else { return nil }
        return try await self.transaction { connection in
            let updated = try connection.query(
                """
                UPDATE topics SET status = COALESCE($2, status), owner_department = COALESCE($3, owner_department),
                    target_date = COALESCE($4::date, target_date), note = COALESCE($5, note), updated_by = $6, updated_at = now()
                WHERE id = $1::uuid RETURNING category, area_level, area_code, created_at
                """,
                [id, change.status?.rawValue, change.ownerDepartment, change.targetDate, change.note, actor]
            )
            guard let row = updated.first else { return nil }
            if change.linkSince, let column = Topic.Area.columns[try row.decode("area_level", as: String.self)] {
                try connection.query(
                    """
                    INSERT INTO topic_tickets (topic_id, ticket_id)
                    SELECT $1::uuid, id FROM tickets WHERE category = $2 AND \(column) = $3 AND created_at >= $4 ON CONFLICT DO NOTHING
                    """,
                    [id, try row.decode("category", as: String.self), try row.decode("area_code", as: String.self), try row.decode("created_at", as: Date.self)]
                )
            }
            return try self.topic(id, on: connection)
        }
    }

    /// One topic read on `connection`, or nil.
    func topic(_ id: String, on connection: PostgresConnection) throws -> Topic? {
        try connection.query("SELECT \(Self.columns) FROM topics t WHERE t.id = $1::uuid", [id]).first.map(self.topic)
    }

    /// A topic's row, judged overdue against today in the business zone.
    func topic(_ row: PostgresRow) throws -> Topic {
        var topic = try Self.topic(row)
        topic.overdue = topic.status.isActive && topic.targetDate < LocalDate(Date(), timeZone: self.timeZone).text
        return topic
    }

    /// A transaction without JIT: the planner's estimates of the count subqueries (and of the
    /// candidates' aggregate over a big city's months) pass the JIT threshold, and compiling cost
    /// 1.7 s for three topics, 5.7 s for a month's aggregate, against milliseconds of work.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await self.pool.transaction { connection in
            try connection.execute("SET LOCAL jit = off")
            return try body(connection)
        }
    }

    /// A topics row selected with ``columns`` (not yet judged overdue).
    static func topic(_ row: PostgresRow) throws -> Topic {
        Topic(
            id: try row.decode("id", as: String.self), month: try row.decode("month", as: String.self),
            category: try row.decode("category", as: String.self),
            area: .init(level: try row.decode("area_level", as: String.self), code: try row.decode("area_code", as: String.self)),
            title: try row.decode("title", as: String.self), ownerDepartment: try row.decode("owner_department", as: String.self),
            targetDate: try row.decode("target_date", as: String.self),
            status: TopicStatus(rawValue: try row.decode("status", as: String.self)) ?? .open, note: try row.decode("note", as: String?.self),
            createdBy: try row.decode("created_by", as: String.self), createdAt: try row.decode("created_at", as: Date.self),
            updatedBy: try row.decode("updated_by", as: String.self), updatedAt: try row.decode("updated_at", as: Date.self),
            tickets: try row.decode("tickets", as: Int.self), resolved: try row.decode("resolved", as: Int.self),
            since: try row.decode("since", as: Int.self), overdue: false
        )
    }

    /// A ticket row behind a topic or a candidate.
    static func ticket(_ row: PostgresRow) throws -> TopicTicket {
        TopicTicket(
            id: try row.decode("id", as: String.self), number: try row.decode("number", as: String.self),
            status: try row.decode("status", as: String.self), createdAt: try row.decode("created_at", as: Date.self),
            resolvedAt: try row.decode("resolved_at", as: Date?.self)
        )
    }
}
