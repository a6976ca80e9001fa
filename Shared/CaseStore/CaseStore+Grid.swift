import Foundation
import HotlineDomain
import Postgres

extension CaseStore {
    /// The open tasks of a grid party: "三重" and secretary matters first, then by resolve-by.
    public func openTasks(of party: GridParty, limit: Int = 500, on connection: PostgresConnection) throws -> [Ticket] {
        let rows = try connection.query(
            """
            SELECT \(Ticket.columns) FROM tickets
            WHERE \(party.condition(1)) AND status IN ('assigned', 'accepted')
            ORDER BY (major IS NOT NULL OR handler = 'secretary') DESC, resolve_by NULLS LAST, created_at LIMIT \(limit)
            """,
            party.parameters
        )
        return try rows.map { try Ticket(row: $0) }
    }

    /// A reply by a grid worker or secretary: the ticket must be theirs (else `notFound`, as if
    /// it did not exist), then it is ``reply(_:action:actor:note:name:using:on:)`` as the grid or
    /// community code.
    public func reply(
        _ ticketId: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot,
        on connection: PostgresConnection
    ) throws -> Ticket {
        let ticket = try LockedTicket.lock(ticketId, on: connection).ticket
        guard let actor = party.actor(on: ticket) else { throw CaseError.notFound(ticketId) }
        return try self.reply(ticket.id, action: action, actor: actor, note: note, name: party.name, using: snapshot, on: connection)
    }

    /// A secretary gives a community ticket to another grid of the community: it is assigned
    /// again (the new grid's worker accepts it), deadlines unchanged, the reason in its routing.
    public func reassign(
        _ ticketId: String, toGrid gridCode: String, community: String, by name: String, note: String?,
        using snapshot: JurisdictionSnapshot, on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let ticket = locked.ticket
        guard GridParty(communities: [community]).actor(on: ticket) != nil else { throw CaseError.notFound(ticketId) }
        guard ticket.handler == .community else {
            throw CaseError.invalid(field: "grid", message: "only a ticket the community handles moves to another grid")
        }
        guard let grid = snapshot.grids.grid(code: gridCode), grid.community.code == community else {
            throw CaseError.invalid(field: "grid", message: "not a grid of community \(community)")
        }
        guard grid.code != ticket.grid else { throw CaseError.invalid(field: "grid", message: "the ticket is already in this grid") }
        _ = try locked.next(.manualDispatch, named: "reassign")
        var routing = ticket.routing ?? Ticket.Routing(
            RoutingDecision(
                outcome: .routed, category: ticket.category, grid: nil, handler: .community, departments: [], urgency: ticket.urgency ?? .general,
                respondBy: nil, resolveBy: nil, reasons: [], unroutableReason: nil
            )
        )
        let from = routing.gridName ?? routing.grid ?? ""
        routing.grid = grid.code
        routing.gridName = grid.name
        routing.reasons.append("社区书记\(name)改派：\(from) → \(grid.name)" + (note.map { "（\($0)）" } ?? ""))
        let routingJSON = String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self)
        let rows = try connection.query(
            """
            UPDATE tickets SET status = 'assigned', version = version + 1, updated_at = now(), grid = $2, routing = $3,
                assigned_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [ticket.id, grid.code, routingJSON]
        )
        let updated = try Ticket(row: rows[0])
        var data: [String: JSONValue] = [
            "reassigned": .bool(true), "by": .string(community), "byName": .string(name), "fromGrid": .string(ticket.grid ?? ""),
            "toGrid": .string(grid.code),
        ]
        if let note { data["note"] = .string(note) }
        try self.emit(.ticketAssigned, updated, data, on: connection)
        return updated
    }
}
