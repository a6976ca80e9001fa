import Foundation
import HotlineDomain
import Postgres

/// ``ConsoleReader`` on PostgreSQL (the primary: an operator acts on what the console counts).
public struct PostgresConsoleReader: ConsoleReader {
    let pool: PostgresPool
    let store: CaseStore

    /// The console's reads on `pool`.
    public init(pool: PostgresPool, store: CaseStore) {
        self.pool = pool
        self.store = store
    }

    public func queueCounts(_ conditions: [QueueCounts.Condition]) async throws -> QueueCounts {
        var clauses: [String] = []
        var parameters: [String] = []
        for condition in conditions {
            switch condition {
            case .street(let text), .grid(let text):
                parameters.append(text)
                clauses.append("\(condition.column) = $\(parameters.count)")
            case .department(let text):
                parameters.append(text)
                clauses.append("departments @> ARRAY[$\(parameters.count)::text]")
            }
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = """
            SELECT status, count(*) AS n,
                count(*) FILTER (WHERE \(TicketFilter.overdueCondition)) AS overdue,
                count(*) FILTER (WHERE major IS NOT NULL AND status IN ('received', 'assigned', 'accepted', 'unroutable')) AS major,
                count(*) FILTER (WHERE follow_up OR (status = 'resolved' AND rating IS NULL)) AS follow_up
            FROM tickets \(filter) GROUP BY status
            """
        let values = parameters
        return try await self.pool.transaction { connection in
            var counts = QueueCounts()
            for row in try connection.query(sql, values.map { $0 as (any PostgresEncodable)? }) {
                let n = try row.decode("n", as: Int.self)
                counts.status[try row.decode("status", as: String.self)] = n
                counts.total += n
                counts.overdue += try row.decode("overdue", as: Int.self)
                counts.major += try row.decode("major", as: Int.self)
                counts.followUp += try row.decode("follow_up", as: Int.self)
            }
            return counts
        }
    }

    public func messages(ofTicket idOrNumber: String) async throws -> [TicketMessage]? {
        let store = self.store
        return try await self.pool.transaction { connection -> [TicketMessage]? in
            guard let ticket = try store.find(idOrNumber, on: connection) else { return nil }
            return try connection.query(
                """
                SELECT kind, recipient, recipient_role, body, status, attempts, created_at, sent_at, delivered_at
                FROM notifications WHERE ticket_id = $1::uuid ORDER BY created_at, kind
                """,
                [ticket.id]
            ).map { row in
                TicketMessage(
                    kind: try row.decode("kind", as: String.self), recipient: PhoneNumber.mask(try row.decode("recipient", as: String.self)),
                    recipientRole: try row.decode("recipient_role", as: String.self), text: try row.decode("body", as: String.self),
                    status: try row.decode("status", as: String.self), attempts: try row.decode("attempts", as: Int.self),
                    createdAt: try row.decode("created_at", as: Date.self), sentAt: try row.decode("sent_at", as: Date?.self),
                    deliveredAt: try row.decode("delivered_at", as: Date?.self)
                )
            }
        }
    }
}

extension QueueCounts.Condition {
    /// The `tickets` column a street or grid condition compares.
    fileprivate var column: String {
        switch self {
        case .street: "street"
        case .grid: "grid"
        case .department: "departments"
        }
    }
}
