import Foundation
import HotlineDomain
import Metrics
import Postgres

extension CaseStore {
    /// Operators' unlink: the ticket leaves its parent and is routed on its own.
    public func unlink(_ ticketId: String, by actor: String, using snapshot: JurisdictionSnapshot, on connection: PostgresConnection) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let status = try locked.next(.unlinkDuplicate, named: "unlink")
        if let parent = locked.ticket.duplicateOf {
            try connection.query(
                "UPDATE tickets SET duplicate_count = greatest(duplicate_count - 1, 0), version = version + 1, updated_at = now() WHERE id = $1::uuid",
                [parent]
            )
        }
        _ = try self.update(locked.ticket.id, status: status, set: "duplicate_of = NULL", on: connection)
        try self.route(locked.ticket.id, using: snapshot, policy: .none, on: connection)
        return try self.find(locked.ticket.id, on: connection)!
    }
}
