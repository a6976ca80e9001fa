import Foundation
import HotlineDomain
import Postgres

/// Returns under review (catalog `returns.review`): a return waits in status `returned` for the
/// centre, which re-dispatches it (``CaseStore/dispatch(_:grid:department:operator:using:on:)``)
/// or rejects the return, sending the ticket back to the party that returned it. The ticket
/// keeps its routing and deadlines while it waits (the return does not stop the clock).
extension CaseStore {
    /// Records a return that waits for the centre: status `returned`, the return counted
    /// against `actor` (`return_count`, `returned_by`), history `ticket.returned` with `review`.
    func holdReturn(_ locked: LockedTicket, by actor: String, data: [String: JSONValue], on connection: PostgresConnection) throws -> Ticket {
        let status = try locked.next(.holdReturn, named: "return")
        let rows = try connection.query(
            """
            UPDATE tickets SET status = $3, return_count = return_count + 1, returned_by = array_append(returned_by, $2),
                version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [locked.ticket.id, actor, status.rawValue]
        )
        let returned = try Ticket(row: rows[0])
        var data = data
        data["review"] = .bool(true)
        try self.emit(.ticketReturned, returned, data, on: connection)
        return returned
    }

    /// The centre refuses a return under review: the ticket is `assigned` again to the same
    /// handler (its lead department gets its task again), with the centre's reason in the history.
    public func rejectReturn(_ ticketId: String, reason: String, by actor: String, on connection: PostgresConnection) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let status = try locked.next(.rejectReturn, named: "reject the return of")
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CaseError.invalid(field: "reason", message: "a rejected return needs its reason")
        }
        let updated = try self.update(locked.ticket.id, status: status, set: nil, on: connection)
        let returnedBy = locked.returnedBy.last
        var data: [String: JSONValue] = ["by": .string(actor), "reason": .string(reason)]
        if let returnedBy { data["backTo"] = .string(returnedBy) }
        try self.emit(.ticketReturnRejected, updated, data, on: connection)
        let lead = updated.routing?.departments.filter { $0.role == .lead } ?? []
        try self.sendTasks(updated, lead, on: connection)
        return updated
    }
}
