import Foundation
import HotlineDomain
import Postgres

/// `GET /v1/tickets` filters and keyset paging (newest first; the cursor is the last row's
/// `(created_at, id)`, so deep pages cost the same as the first). The console's work queue adds
/// `overdue`, `major` and `followUp` (each `true`) and `byDeadline` (resolve-by first, tickets
/// without one last; its cursor is `(resolve_by, id)`).
public struct TicketFilter: Sendable {
    /// Open and past a deadline: not accepted by respond-by, or not resolved by resolve-by.
    public static let overdueCondition =
        "(status IN ('assigned', 'accepted') AND (resolve_by < now() OR (responded_at IS NULL AND respond_by < now())))"
    public var overdue = false
    public var major = false
    public var followUp = false
    public var byDeadline = false
    public var status: TicketStatus?
    public var street: String?
    public var grid: String?
    public var department: String?
    public var from: Date?
    public var to: Date?
    public var limit = 50
    public var cursor: (Int64, String)?

    /// No filter: the newest 50.
    public init() {}

    /// The page of tickets this filter selects.
    public func run(on connection: PostgresConnection) throws -> TicketPage {
        var conditions: [String] = []
        var parameters: [(any PostgresEncodable)?] = []
        func add(_ condition: (Int) -> String, _ value: any PostgresEncodable) {
            parameters.append(value)
            conditions.append(condition(parameters.count))
        }
        if let status { add({ "status = $\($0)" }, status.rawValue) }
        if let street { add({ "street = $\($0)" }, street) }
        if let grid { add({ "grid = $\($0)" }, grid) }
        if let department { add({ "departments @> ARRAY[$\($0)::text]" }, department) }
        if let from { add({ "created_at >= $\($0)" }, from) }
        if let to { add({ "created_at < $\($0)" }, to) }
        if self.overdue { conditions.append(Self.overdueCondition) }
        if self.major { conditions.append("major IS NOT NULL") }
        // Closed without a rating (the resident never answered), or resolved and still unrated.
        if self.followUp { conditions.append("(follow_up OR (status = 'resolved' AND rating IS NULL))") }
        if self.byDeadline { return try self.runByDeadline(conditions, parameters, on: connection) }
        if let (micros, id) = cursor {
            parameters.append(micros)
            parameters.append(id)
            conditions.append(
                "(created_at, id) < (timestamptz 'epoch' + $\(parameters.count - 1)::int8 * interval '1 microsecond', $\(parameters.count)::uuid)"
            )
        }
        parameters.append(self.limit + 1)
        let sql = """
            SELECT \(CaseStore.ticketColumns), (extract(epoch FROM created_at) * 1000000)::int8 AS created_us FROM tickets
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY created_at DESC, id DESC LIMIT $\(parameters.count)
            """
        return try self.page(try connection.query(sql, parameters), sortKey: "created_us")
    }

    /// The page of `rows` (one more than ``limit`` when there is a next page); the cursor holds
    /// the last row's `sortKey` in exact microseconds, so the next page starts right after it.
    private func page(_ rows: PostgresRows, sortKey: String) throws -> TicketPage {
        var tickets = try CaseStore.tickets(rows)
        var next: String?
        if tickets.count > self.limit {
            tickets.removeLast()
            next = Self.encodeCursor(try rows[self.limit - 1].decode(sortKey, as: Int64.self), tickets[self.limit - 1].id)
        }
        return TicketPage(tickets: tickets, nextCursor: next)
    }

    /// Soonest resolve-by first; the cursor holds the last row's resolve-by (`Int64.max` for none).
    private func runByDeadline(
        _ filters: [String], _ filterParameters: [(any PostgresEncodable)?], on connection: PostgresConnection
    ) throws -> TicketPage {
        var conditions = filters
        var parameters = filterParameters
        let deadline = "COALESCE(resolve_by, 'infinity'::timestamptz)"
        if let (micros, id) = cursor {
            parameters.append(micros)
            parameters.append(id)
            let (m, i) = (parameters.count - 1, parameters.count)
            conditions.append(
                "(\(deadline), id) > (CASE WHEN $\(m)::int8 = \(Int64.max) THEN 'infinity'::timestamptz "
                    + "ELSE timestamptz 'epoch' + $\(m)::int8 * interval '1 microsecond' END, $\(i)::uuid)"
            )
        }
        parameters.append(self.limit + 1)
        let sql = """
            SELECT \(CaseStore.ticketColumns),
                COALESCE((extract(epoch FROM resolve_by) * 1000000)::int8, \(Int64.max)) AS deadline_us FROM tickets
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(deadline), id LIMIT $\(parameters.count)
            """
        return try self.page(try connection.query(sql, parameters), sortKey: "deadline_us")
    }

    /// A page cursor: the last row's sort key (microseconds) and id.
    public static func encodeCursor(_ micros: Int64, _ id: String) -> String {
        // URL-safe base64, so the cursor can be pasted into a query string as it is.
        Data("\(micros)|\(id)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The sort key and id of a cursor from ``encodeCursor(_:_:)``, nil when it is not one.
    public static func decodeCursor(_ text: String) -> (Int64, String)? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else { return nil }
        let parts = raw.split(separator: "|")
        guard parts.count == 2, let micros = Int64(parts[0]), UUID(uuidString: String(parts[1])) != nil else { return nil }
        return (micros, String(parts[1]))
    }
}
