import Foundation
import HotlineDomain
import Metrics
import Postgres

extension CaseStore {
    /// The open ticket `ticket` repeats, if any: same category, still open, created within the
    /// window, and either both located within the radius, or in the same grid at the same
    /// address. The oldest such ticket is the parent.
    func duplicateParent(_ ticket: Ticket, _ decision: RoutingDecision, _ policy: CasePolicy, on connection: PostgresConnection) throws -> Ticket? {
        guard policy.duplicateWindow > 0, let category = decision.category, let grid = decision.grid?.code else { return nil }
        // A missed check-in is about one household: its neighbours' are never the same matter.
        guard category != Category.wellbeingCheck else { return nil }
        let since = ticket.createdAt.addingTimeInterval(-policy.duplicateWindow)
        // A degree of latitude is ~111 km: the box prefilters, the haversine decides.
        let box = policy.duplicateRadius / 111_000 * 1.5
        // Two index ranges rather than one OR, which would defeat both indexes.
        let open = "category = $1 AND status IN ('assigned', 'accepted') AND duplicate_of IS NULL AND id <> $2::uuid AND created_at >= $3"
        var rows = Array(
            try connection.query(
                "SELECT \(Ticket.columns), grid FROM tickets WHERE \(open) AND grid = $4 ORDER BY created_at LIMIT 50",
                [category, ticket.id, since, grid]
            )
        )
        if let lat = ticket.location.lat, let lon = ticket.location.lon {
            rows += try connection.query(
                """
                SELECT \(Ticket.columns), grid FROM tickets WHERE \(open) AND lat IS NOT NULL
                  AND lat BETWEEN $4 AND $5 AND lon BETWEEN $6 AND $7 ORDER BY created_at LIMIT 50
                """,
                [category, ticket.id, since, lat - box, lat + box, lon - box * 2, lon + box * 2]
            )
        }
        rows.sort { (try? $0.decode("created_at", as: Date.self)) ?? .distantFuture < (try? $1.decode("created_at", as: Date.self)) ?? .distantFuture }
        let address = Self.normalizedAddress(ticket.location.address)
        for row in rows {
            let candidate = try Ticket(row: row)
            if let lat = ticket.location.lat, let lon = ticket.location.lon, let otherLat = candidate.location.lat,
                let otherLon = candidate.location.lon
            {
                if CasePolicy.distance(lat, lon, otherLat, otherLon) <= policy.duplicateRadius { return candidate }
            } else if try row.decode("grid", as: String?.self) == grid, let address,
                Self.normalizedAddress(candidate.location.address) == address
            {
                return candidate
            }
        }
        return nil
    }

    /// Links a received ticket to `parent`: status `duplicate`, the parent's count goes up, and
    /// no task is sent (the parent's handler already has it). The resident had a receipt.
    func link(_ locked: LockedTicket, to parent: Ticket, _ decision: RoutingDecision, on connection: PostgresConnection) throws {
        let status = try locked.next(.markDuplicate, named: "link as duplicate")
        var routing = Ticket.Routing(decision)
        routing.reasons.append("附近已有同类工单\(parent.number)仍在办理，并入该单")
        routing.rules = (routing.rules ?? []) + [RoutingRule("duplicate", ["parent": parent.number])]
        let routingJSON = String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self)
        let rows = try connection.query(
            """
            UPDATE tickets SET status = $2, duplicate_of = $3::uuid, category = COALESCE($4, category), grid = $5,
                community = $6, street = $7, district = $8, routing = $9, version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [
                locked.ticket.id, status.rawValue, parent.id, decision.category, routing.grid, routing.community,
                routing.street, routing.district, routingJSON,
            ]
        )
        try connection.query(
            "UPDATE tickets SET duplicate_count = duplicate_count + 1, version = version + 1, updated_at = now() WHERE id = $1::uuid",
            [parent.id]
        )
        CaseMetrics.duplicates.increment()
        try self.emit(
            .ticketDuplicate, try Ticket(row: rows[0]), ["parentId": .string(parent.id), "parentNumber": .string(parent.number)],
            on: connection
        )
    }

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

    /// Raises `ticket.cluster` once per category and grid per window when the open tickets of
    /// that category in that grid reach the policy's size. A unique index on (category, grid,
    /// window bucket) lets only one of several concurrent transactions record it.
    func raiseClusterAlert(for ticketId: String, _ decision: RoutingDecision, _ policy: CasePolicy, on connection: PostgresConnection) throws {
        guard policy.clusterSize > 1, let category = decision.category, category != Category.wellbeingCheck, let grid = decision.grid else { return }
        let since = Date().addingTimeInterval(-policy.clusterWindow)
        let open = try connection.query(
            """
            SELECT number FROM tickets WHERE category = $1 AND grid = $2 AND created_at >= $3
              AND status IN ('assigned', 'accepted', 'duplicate') ORDER BY created_at
            """,
            [category, grid.code, since]
        ).map { try $0.decode("number", as: String.self) }
        guard open.count >= policy.clusterSize else { return }
        let raised = try connection.query(
            "SELECT 1 FROM cluster_alerts WHERE category = $1 AND grid = $2 AND raised_at >= $3", [category, grid.code, since]
        )
        guard raised.isEmpty else { return }
        let bucket = Int64(Date().timeIntervalSince1970 / max(policy.clusterWindow, 1))
        let inserted = try connection.query(
            """
            INSERT INTO cluster_alerts (category, grid, ticket_count, bucket) VALUES ($1, $2, $3, $4)
            ON CONFLICT (category, grid, bucket) DO NOTHING RETURNING id
            """,
            [category, grid.code, open.count, bucket]
        )
        guard !inserted.isEmpty else { return }
        guard let ticket = try self.find(ticketId, on: connection) else { return }
        CaseMetrics.clusters.increment()
        try self.emit(
            .ticketCluster, ticket,
            [
                "category": .string(category), "grid": .string(grid.code), "street": .string(grid.street.code),
                "count": .number(Double(open.count)), "tickets": .array(open.map { .string($0) }),
                "notify": .string("street centre \(grid.street.name)"),
            ],
            on: connection
        )
    }

    /// An address without spaces and punctuation, for comparing two callers' words.
    static func normalizedAddress(_ address: String?) -> String? {
        guard let address else { return nil }
        let kept = address.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }
        return kept.isEmpty ? nil : String(String.UnicodeScalarView(kept))
    }
}
