import Foundation
import HotlineDomain
import Postgres

/// A ticket read `FOR UPDATE` inside a transaction, with the routing columns transitions need.
struct LockedTicket {
    var ticket: Ticket
    var leadDepartment: String?
    var departments: [String]
    var returnedBy: [String]
    var requestedCategory: String?
    var requestedUrgency: Urgency?
    /// The household the ticket was opened for (a missed check-in, a visit), if any.
    var household: String?

    /// Locks and reads the ticket `id` (uuid or number), or throws `notFound`.
    static func lock(_ id: String, on connection: PostgresConnection) throws -> LockedTicket {
        let byNumber = id.hasPrefix("12345-")
        // Neither a number nor a uuid: no such ticket (not a cast error from the server).
        guard byNumber || UUID(uuidString: id) != nil else { throw CaseError.notFound(id) }
        let rows = try connection.query(
            """
            SELECT \(Ticket.columns), lead_department, departments, returned_by, requested_category, household
            FROM tickets WHERE \(byNumber ? "number = $1" : "id = $1::uuid") FOR UPDATE
            """,
            [id]
        )
        guard let row = rows.first else { throw CaseError.notFound(id) }
        return try LockedTicket(row: row)
    }

    /// Locks and reads the tickets `ids` (uuids) in one statement, in id order (so that two
    /// transactions locking overlapping batches wait rather than deadlock); missing ones are left out.
    /// Without `routingRules` the tickets' `routing.rules` is left out (nil): for callers that
    /// neither show nor write it back.
    static func lock(many ids: [String], routingRules: Bool = true, on connection: PostgresConnection) throws -> [LockedTicket] {
        guard !ids.isEmpty else { return [] }
        let rows = try connection.query(
            """
            SELECT \(Ticket.columns), lead_department, departments, returned_by, requested_category, household
            FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE
            """,
            [ids],
            plan: .generic
        )
        return try rows.map { try Self(row: $0, routingRules: routingRules) }
    }

    /// Reads a row selected with `Ticket.columns` and the routing columns.
    init(row: PostgresRow, routingRules: Bool = true) throws {
        self.ticket = try Ticket(row: row, routingRules: routingRules)
        self.leadDepartment = try row.decode("lead_department", as: String?.self)
        self.departments = try row.decode("departments", as: [String].self)
        self.returnedBy = try row.decode("returned_by", as: [String].self)
        self.requestedCategory = try row.decode("requested_category", as: String?.self)
        self.requestedUrgency = try row.decode("requested_urgency", as: String?.self).flatMap(Urgency.init(rawValue:))
        self.household = try row.decode("household", as: String?.self)
    }

    /// The next status for `action`, or `CaseError.illegal` naming the current one.
    func next(_ action: TicketAction, named name: String) throws -> TicketStatus {
        do {
            return try TicketLifecycle.next(from: self.ticket.status, on: action)
        } catch {
            throw CaseError.illegal(action: name, status: self.ticket.status)
        }
    }
}
