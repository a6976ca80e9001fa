import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

extension CaseStore {
    /// Routes a batch of `received` tickets with a handful of statements for the whole batch,
    /// whatever its size: one lock, one households lookup, one query for duplicate candidates,
    /// one update of the routed tickets (and one of the duplicates and one of their originals,
    /// when there are any), one look-up and one insert of the volunteers offered its service
    /// orders (when there are any), one outbox insert for every event and task, and one upsert of
    /// the cluster counters. Everything else is decided in memory.
    ///
    /// A ticket no longer `received` (a redelivery, a cancel that came first) is left alone. With
    /// a `policy`, a ticket of the same category near an open one (or one earlier in the batch)
    /// is linked to it as a duplicate (``DuplicateRule``: the candidates are found by a stored
    /// cell and address key, not by reading the category's open tickets), and the Nth ticket of
    /// a category in a grid within the cluster window raises one `ticket.cluster` alert (counted
    /// by per-bucket counters). Returns the ids of the tickets it routed, linked or found unroutable.
    @discardableResult
    public func route(
        batch ticketIds: [String], using snapshot: JurisdictionSnapshot, policy: CasePolicy = .none, on connection: PostgresConnection
    ) throws -> [String] {
        let ids = Array(Set(ticketIds.filter { UUID(uuidString: $0) != nil }.map { $0.lowercased() })).sorted()
        guard !ids.isEmpty else { return [] }
        // Oldest first: of two new tickets about one matter, the older is the original.
        let locked = try LockedTicket.lock(many: ids, on: connection)
            .filter { $0.ticket.status == .received }
            .sorted { ($0.ticket.createdAt, $0.ticket.number) < ($1.ticket.createdAt, $1.ticket.number) }
        guard !locked.isEmpty else { return [] }
        let households = try self.households(of: locked, on: connection)
        let decisions = locked.map { item in
            snapshot.router.route(self.routingRequest(item, household: households[item.ticket.id]?.tag), at: item.ticket.createdAt)
        }
        let plans = try self.plan(locked, decisions, policy, on: connection)
        let now = Date()
        var messages: [OutboxMessage] = []
        var routedRows: [RoutedRow] = []
        var linkedRows: [(plan: RoutePlan, parent: DuplicateRule.Candidate)] = []
        for plan in plans {
            if let parent = plan.parent {
                linkedRows.append((plan, parent))
                continue
            }
            routedRows.append(RoutedRow(plan: plan, household: households[plan.locked.ticket.id]?.attach, snapshot: snapshot, now: now))
        }
        let linkedTickets = linkedRows.map { Self.linked($0.plan, to: $0.parent, version: snapshot.revision, now: now) }
        try self.writeRouted(routedRows, on: connection)
        try self.writeLinked(
            linkedRows, linkedTickets, households: linkedRows.map { households[$0.plan.locked.ticket.id]?.attach },
            version: snapshot.revision, on: connection
        )
        for row in routedRows {
            let ticket = row.ticket
            if row.plan.decision.outcome == .routed {
                CaseMetrics.routed(handler: row.plan.decision.handler?.rawValue ?? "none")
                messages.append(try self.event(.ticketAssigned, ticket, [:], routing: row.plan.decision))
                messages += try self.tasks(ticket, row.plan.decision.departments)
            } else {
                CaseMetrics.unroutable.increment()
                let reason = JSONValue.string(row.plan.decision.unroutableReason ?? "没有规则能确定去向")
                messages.append(try self.event(.ticketUnroutable, ticket, ["reason": reason], routing: row.plan.decision))
            }
        }
        // Service orders offered to their community's volunteers: one query, one insert.
        messages += try self.offers(routedRows.filter { $0.plan.decision.outcome == .routed }.map(\.ticket), on: connection)
        for ((_, parent), ticket) in zip(linkedRows, linkedTickets) {
            CaseMetrics.duplicates.increment()
            messages.append(
                try self.event(.ticketDuplicate, ticket, ["parentId": .string(parent.id), "parentNumber": .string(parent.number)])
            )
        }
        // Counted last: the counters are the only rows other batches may wait on.
        messages += try self.countClusters(plans, routedRows.map(\.ticket) + linkedTickets, policy, on: connection)
        try Outbox.append(messages, on: connection)
        return plans.map(\.locked.ticket.id)
    }

    /// One ticket's decision, and the original it repeats when it is a duplicate.
    struct RoutePlan {
        var locked: LockedTicket
        var decision: RoutingDecision
        var parent: DuplicateRule.Candidate?
        var cell: Int64?
        var addressKey: String?
    }

    /// Finds each routed ticket's original, if any: among the open tickets the stored keys
    /// name (one query for the batch) and the batch's own earlier tickets.
    private func plan(
        _ locked: [LockedTicket], _ decisions: [RoutingDecision], _ policy: CasePolicy, on connection: PostgresConnection
    ) throws -> [RoutePlan] {
        var plans = zip(locked, decisions).map { item, decision in
            let t = item.ticket
            let routed = decision.outcome == .routed
            return RoutePlan(
                locked: item, decision: decision, parent: nil,
                cell: routed ? t.location.lat.flatMap { lat in t.location.lon.map { DuplicateRule.cell(lat: lat, lon: $0) } } : nil,
                addressKey: routed ? DuplicateRule.addressKey(grid: decision.grid?.code, address: t.location.address) : nil
            )
        }
        func linkable(_ plan: RoutePlan) -> Bool {
            guard policy.duplicateWindow > 0, plan.decision.outcome == .routed, let category = plan.decision.category,
                plan.decision.grid != nil
            else { return false }
            // A missed check-in is about one household: its neighbours' are never the same matter.
            return category != Category.wellbeingCheck
        }
        let eligible = plans.indices.filter { linkable(plans[$0]) }
        guard !eligible.isEmpty else { return plans }
        let rule = DuplicateRule(radius: policy.duplicateRadius)
        var cellKeys: [(String, Int64)] = []
        var addressKeys: [(String, String)] = []
        for index in eligible {
            let plan = plans[index]
            let category = plan.decision.category ?? ""
            if let lat = plan.locked.ticket.location.lat, let lon = plan.locked.ticket.location.lon {
                cellKeys += DuplicateRule.cells(lat: lat, lon: lon, radius: policy.duplicateRadius).map { (category, $0) }
            }
            if let key = plan.addressKey { addressKeys.append((category, key)) }
        }
        let since = (eligible.map { plans[$0].locked.ticket.createdAt }.min() ?? Date()).addingTimeInterval(-policy.duplicateWindow)
        var pool = try self.duplicateCandidates(cells: cellKeys, addresses: addressKeys, since: since, on: connection)
        for index in eligible {
            let t = plans[index].locked.ticket
            let category = plans[index].decision.category ?? ""
            let earliest = t.createdAt.addingTimeInterval(-policy.duplicateWindow)
            let candidates = (pool[category] ?? []).filter { $0.createdAt >= earliest && $0.id != t.id }
            if let parent = rule.parent(among: candidates, lat: t.location.lat, lon: t.location.lon, addressKey: plans[index].addressKey) {
                plans[index].parent = parent
            } else {
                // Routed on its own: a later ticket of this batch may repeat it.
                pool[category, default: []].append(
                    DuplicateRule.Candidate(
                        id: t.id, number: t.number, createdAt: t.createdAt, lat: t.location.lat, lon: t.location.lon,
                        addressKey: plans[index].addressKey
                    )
                )
            }
        }
        return plans
    }

    /// Open, unlinked tickets created since `since` in the given (category, cell) and
    /// (category, address key) pairs, by category: two index ranges per key, no scan. One generic
    /// plan: each key looks its index up (`LATERAL ... OFFSET 0` keeps the planner from merging
    /// or hashing the whole partial index, which it did when the index was small at `ANALYZE`
    /// and kept doing as open tickets accumulated in a big table that `ANALYZE` rarely visits).
    private func duplicateCandidates(
        cells: [(String, Int64)], addresses: [(String, String)], since: Date, on connection: PostgresConnection
    ) throws -> [String: [DuplicateRule.Candidate]] {
        guard !cells.isEmpty || !addresses.isEmpty else { return [:] }
        let open = "t.status IN ('assigned', 'accepted') AND t.duplicate_of IS NULL AND t.created_at >= $5"
        let columns = "t.id::text AS id, t.number, t.category, t.created_at, t.lat, t.lon, t.address_key"
        let rows = try connection.query(
            """
            SELECT \(columns) FROM unnest($1::text[], $2::int8[]) AS k(category, cell) CROSS JOIN LATERAL (
                SELECT * FROM tickets t WHERE t.category = k.category AND t.dup_cell = k.cell AND \(open) OFFSET 0) t
            UNION ALL
            SELECT \(columns) FROM unnest($3::text[], $4::text[]) AS k(category, address_key) CROSS JOIN LATERAL (
                SELECT * FROM tickets t WHERE t.category = k.category AND t.address_key = k.address_key AND \(open) OFFSET 0) t
            """,
            [cells.map(\.0), cells.map(\.1), addresses.map(\.0), addresses.map(\.1), since],
            plan: .generic
        )
        var seen = Set<String>()
        var out: [String: [DuplicateRule.Candidate]] = [:]
        for row in rows {
            let id = try row.decode("id", as: String.self)
            guard seen.insert(id).inserted else { continue }
            out[try row.decode("category", as: String.self), default: []].append(
                DuplicateRule.Candidate(
                    id: id, number: try row.decode("number", as: String.self), createdAt: try row.decode("created_at", as: Date.self),
                    lat: try row.decode("lat", as: Double?.self), lon: try row.decode("lon", as: Double?.self),
                    addressKey: try row.decode("address_key", as: String?.self)
                )
            )
        }
        return out
    }

    /// A routed (or unroutable) ticket's new row, and the ticket as it reads after the update.
    struct RoutedRow {
        var plan: RoutePlan
        var ticket: Ticket
        var routingJSON: String
        var household: String?

        init(plan: RoutePlan, household: String?, snapshot: JurisdictionSnapshot, now: Date) {
            let decision = plan.decision
            var routing = Ticket.Routing(decision)
            routing.jurisdictionVersion = snapshot.revision
            var ticket = plan.locked.ticket
            ticket.status = decision.outcome == .routed ? .assigned : .unroutable
            ticket.version += 1
            ticket.updatedAt = now
            if let category = decision.category { ticket.category = category }
            ticket.urgency = decision.urgency
            ticket.routing = routing
            ticket.deadlines = Ticket.Deadlines(respondBy: decision.respondBy, resolveBy: decision.resolveBy)
            self.plan = plan
            self.ticket = ticket
            self.routingJSON = routing.directJSON
            self.household = household
        }
    }

    /// One UPDATE for every routed and unroutable ticket of the batch.
    private func writeRouted(_ rows: [RoutedRow], on connection: PostgresConnection) throws {
        guard !rows.isEmpty else { return }
        func column<T: PostgresArrayElement>(_ value: (RoutedRow) -> T?) -> [T?] { rows.map(value) }
        try connection.query(
            """
            UPDATE tickets t SET status = u.status, version = t.version + 1, updated_at = now(),
                category = COALESCE(u.category, t.category), urgency = u.urgency, grid = u.grid, community = u.community,
                street = u.street, district = u.district, handler = u.handler, lead_department = u.lead,
                departments = u.departments::text[], level = u.level, routing = u.routing, respond_by = u.respond_by,
                resolve_by = u.resolve_by, assigned_at = CASE WHEN u.status = 'assigned' THEN now() END,
                jurisdiction_version = u.jurisdiction_version, household = COALESCE(u.household, t.household),
                dup_cell = u.dup_cell, address_key = u.address_key
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::timestamptz[],
                    $16::int[], $17::text[], $18::int8[], $19::text[])
                AS u(id, status, category, urgency, grid, community, street, district, handler, lead, departments, level,
                    routing, respond_by, resolve_by, jurisdiction_version, household, dup_cell, address_key)
            WHERE t.id = u.id
            """,
            [
                column { $0.ticket.id }, column { $0.ticket.status.rawValue }, column { $0.plan.decision.category },
                column { $0.plan.decision.urgency.rawValue }, column { $0.ticket.routing?.grid },
                column { $0.ticket.routing?.community }, column { $0.ticket.routing?.street }, column { $0.ticket.routing?.district },
                column { $0.plan.decision.handler?.rawValue }, column { $0.plan.decision.leadDepartment?.code },
                column { $0.plan.decision.departments.map(\.code).postgresText }, column { $0.plan.decision.level.rawValue },
                column { $0.routingJSON }, column { $0.plan.decision.respondBy }, column { $0.plan.decision.resolveBy },
                column { $0.ticket.routing?.jurisdictionVersion }, column { $0.household },
                column { $0.plan.cell }, column { $0.plan.addressKey },
            ],
            plan: .generic
        )
    }

    /// The duplicates of the batch, and their originals' counts: two UPDATEs.
    private func writeLinked(
        _ rows: [(plan: RoutePlan, parent: DuplicateRule.Candidate)], _ tickets: [Ticket], households: [String?], version: Int?,
        on connection: PostgresConnection
    ) throws {
        guard !rows.isEmpty else { return }
        let routing = tickets.map { ticket in
            (try? HotlineJSON.encoder().encode(ticket.routing)).map { String(decoding: $0, as: UTF8.self) }
        }
        try connection.query(
            """
            UPDATE tickets t SET status = 'duplicate', duplicate_of = u.parent, category = COALESCE(u.category, t.category),
                grid = u.grid, community = u.community, street = u.street, district = u.district, routing = u.routing,
                version = t.version + 1, updated_at = now(), jurisdiction_version = COALESCE(u.jurisdiction_version, t.jurisdiction_version),
                household = COALESCE(u.household, t.household)
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[],
                    $10::text[])
                AS u(id, parent, category, grid, community, street, district, routing, jurisdiction_version, household)
            WHERE t.id = u.id
            """,
            [
                tickets.map(\.id), rows.map(\.parent.id), rows.map(\.plan.decision.category), tickets.map { $0.routing?.grid },
                tickets.map { $0.routing?.community }, tickets.map { $0.routing?.street }, tickets.map { $0.routing?.district },
                routing, tickets.map { _ in version }, households,
            ]
        )
        // Originals in id order, so that batches running side by side lock them in one order.
        var counts: [String: Int] = [:]
        for row in rows { counts[row.parent.id, default: 0] += 1 }
        let parents = counts.keys.sorted()
        try connection.query(
            """
            UPDATE tickets t SET duplicate_count = t.duplicate_count + u.n, version = t.version + 1, updated_at = now()
            FROM (SELECT * FROM unnest($1::uuid[], $2::int[]) AS u(id, n) ORDER BY id) u WHERE t.id = u.id
            """,
            [parents, parents.map { counts[$0] ?? 0 }]
        )
    }

    /// A received ticket as it reads once linked to `parent`.
    static func linked(_ plan: RoutePlan, to parent: DuplicateRule.Candidate, version: Int?, now: Date) -> Ticket {
        var routing = Ticket.Routing(plan.decision)
        routing.jurisdictionVersion = version
        routing.reasons.append("附近已有同类工单\(parent.number)仍在办理，并入该单")
        routing.rules = (routing.rules ?? []) + [RoutingRule("duplicate", ["parent": parent.number])]
        var ticket = plan.locked.ticket
        ticket.status = .duplicate
        ticket.duplicateOf = parent.id
        ticket.version += 1
        ticket.updatedAt = now
        if let category = plan.decision.category { ticket.category = category }
        // The level column is left as it was; the row reads it back into the routing.
        routing.level = plan.locked.ticket.level
        ticket.routing = routing
        return ticket
    }

    /// The registered households of the batch's tickets: the one a ticket was opened for (a
    /// missed check-in, a visit), else by caller phone or address (one query for the batch;
    /// `attach` is the code to record on the ticket, so that the household's page lists it).
    private func households(of locked: [LockedTicket], on connection: PostgresConnection) throws -> [String: (tag: HouseholdTag, attach: String?)] {
        var out: [String: (tag: HouseholdTag, attach: String?)] = [:]
        let store = HouseholdStore(timeZone: self.timeZone)
        var lookups: [LockedTicket] = []
        for item in locked {
            if let code = item.household {
                if let tag = try store.find(code, on: connection)?.tag(matchedBy: "opened for it") { out[item.ticket.id] = (tag, nil) }
            } else if item.ticket.caller.phone != nil || item.ticket.location.address != nil {
                lookups.append(item)
            }
        }
        guard !lookups.isEmpty else { return out }
        let rows = try connection.query(
            """
            SELECT DISTINCT ON (k.i) k.i AS ticket_id, \(HouseholdRecord.columns), m.by
            FROM unnest($1::text[], $2::text[], $3::text[]) AS k(i, phone, akey)
            JOIN LATERAL (
                SELECT household AS code, 'caller phone' AS by, 0 AS rank FROM household_phones WHERE phone = k.phone AND role = 'member'
                UNION ALL SELECT code, 'address', 1 FROM households WHERE address_key = k.akey
            ) m ON true
            JOIN households USING (code)
            ORDER BY k.i, CASE colour WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, m.rank, code
            """,
            [
                lookups.map(\.ticket.id), lookups.map(\.ticket.caller.phone),
                lookups.map { $0.ticket.location.address.map(Household.addressKey) },
            ],
            plan: .generic
        )
        for row in rows {
            let tag = try HouseholdRecord(row: row).tag(matchedBy: try row.decode("by", as: String.self))
            out[try row.decode("ticket_id", as: String.self)] = (tag, tag.code)
        }
        return out
    }
}
