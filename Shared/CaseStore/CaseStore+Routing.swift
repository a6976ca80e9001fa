import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

extension CaseStore {
    /// The routing request of a stored ticket, as the router reads it.
    /// A re-route (return, manual dispatch) keeps the household found when the ticket came in.
    func routingRequest(_ locked: LockedTicket, household: HouseholdTag? = nil) -> RoutingRequest {
        let t = locked.ticket
        return RoutingRequest(
            category: locked.requestedCategory, description: t.description, address: t.location.address,
            coordinate: t.location.lat.flatMap { lat in t.location.lon.map { Coordinate(lat: lat, lon: $0) } },
            gridCode: t.location.grid, urgency: locked.requestedUrgency, major: t.major,
            household: household ?? t.routing?.household
        )
    }

    /// Routes one `received` ticket as ``route(batch:using:policy:on:)`` routes a batch; false
    /// when it was no longer `received` (a redelivery, a cancel that came first).
    @discardableResult
    public func route(
        _ ticketId: String, using snapshot: JurisdictionSnapshot, policy: CasePolicy = .none, on connection: PostgresConnection
    ) throws -> Bool {
        !(try self.route(batch: [ticketId], using: snapshot, policy: policy, on: connection)).isEmpty
    }

    /// Writes a decision onto a locked ticket: routing columns, status, events and tasks.
    func store(
        _ decision: RoutingDecision, on locked: LockedTicket, using snapshot: JurisdictionSnapshot, event: EventType,
        extra: [String: JSONValue], on connection: PostgresConnection
    ) throws {
        let routed = decision.outcome == .routed
        let status: TicketStatus = routed ? .assigned : .unroutable
        var routing = Ticket.Routing(decision)
        routing.jurisdictionVersion = snapshot.revision
        let routingJSON = String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self)
        let lead = decision.departments.first { $0.role == .lead }?.code
        let rows = try connection.query(
            """
            UPDATE tickets SET status = $2, version = version + 1, updated_at = now(), category = COALESCE($3, category),
                urgency = $4, grid = $5, community = $6, street = $7, district = $8, handler = $9,
                lead_department = $10, departments = $11::text[], level = $12, routing = $13,
                respond_by = $14, resolve_by = $15, assigned_at = CASE WHEN $2 = 'assigned' THEN now() END,
                jurisdiction_version = $16, dup_cell = $17, address_key = $18, volunteer = NULL
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [
                locked.ticket.id, status.rawValue, decision.category, decision.urgency.rawValue, routing.grid,
                routing.community, routing.street, routing.district, decision.handler?.rawValue, lead,
                decision.departments.map(\.code), decision.level.rawValue, routingJSON, decision.respondBy,
                decision.resolveBy, snapshot.revision,
                // The keys later tickets find it by as a duplicate's original (``DuplicateRule``).
                routed ? locked.ticket.location.lat.flatMap { lat in locked.ticket.location.lon.map { DuplicateRule.cell(lat: lat, lon: $0) } } : nil,
                routed ? DuplicateRule.addressKey(grid: decision.grid?.code, address: locked.ticket.location.address) : nil,
            ]
        )
        let ticket = try Ticket(row: rows[0])
        var data = extra
        // A re-routed service order is offered afresh: its taker was cleared above, and only the
        // volunteers it goes to now may take it.
        if locked.ticket.routing?.handler == .volunteer {
            try connection.query("DELETE FROM volunteer_offers WHERE ticket_id = $1::uuid", [ticket.id])
        }
        if routed {
            CaseMetrics.routed(handler: decision.handler?.rawValue ?? "none")
            // The event, its tasks and a service order's offer in one statement.
            try Outbox.append(
                [try self.event(event, ticket, data, routing: decision)] + (try self.tasks(ticket, decision.departments))
                    + (try self.offers([ticket], on: connection)),
                on: connection
            )
        } else {
            CaseMetrics.unroutable.increment()
            data["reason"] = .string(decision.unroutableReason ?? "没有规则能确定去向")
            try self.emit(.ticketUnroutable, ticket, data, routing: decision, on: connection)
        }
    }

    /// One task per department on `hotline.tasks` (key = department code).
    func sendTasks(_ ticket: Ticket, _ departments: [DepartmentAssignment], on connection: PostgresConnection) throws {
        try Outbox.append(try self.tasks(ticket, departments), on: connection)
    }

    /// The task messages for `departments`.
    func tasks(_ ticket: Ticket, _ departments: [DepartmentAssignment]) throws -> [OutboxMessage] {
        try departments.map { assignment in
            try OutboxMessage.task(
                department: assignment.code, ticketId: ticket.id,
                payload: DepartmentTask(ticket: ticket, department: assignment.code, role: assignment.role),
                traceparent: TraceContext(traceId: ticket.traceId)?.traceparent()
            )
        }
    }

    /// Manual dispatch by an operator: to the given grid and/or department, as given.
    public func dispatch(
        _ ticketId: String, grid gridCode: String?, department departmentCode: String?, operator actor: String,
        using snapshot: JurisdictionSnapshot, on connection: PostgresConnection
    ) throws -> Ticket {
        guard gridCode != nil || departmentCode != nil else {
            throw CaseError.invalid(field: "grid", message: "give a grid, a department or both")
        }
        let locked = try LockedTicket.lock(ticketId, on: connection)
        _ = try locked.next(.manualDispatch, named: "dispatch")
        let grid = try gridCode.map { code in
            guard let grid = snapshot.grids.grid(code: code) else { throw CaseError.invalid(field: "grid", message: "unknown grid '\(code)'") }
            return grid
        }
        let department = try departmentCode.map { code in
            guard let department = snapshot.department(code) else {
                throw CaseError.invalid(field: "department", message: "unknown department '\(code)'")
            }
            return department
        }
        var decision = snapshot.router.route(self.routingRequest(locked), at: Date())
        let urgency = decision.urgency
        let deadlines = snapshot.deadlines(for: urgency, from: Date())
        decision.outcome = .routed
        decision.unroutableReason = nil
        if let grid { decision.grid = GridRef(grid) }
        if let department {
            decision.handler = .department
            decision.departments = [DepartmentAssignment(code: department.code, name: department.name, role: .lead)]
        } else if decision.handler == nil || decision.handler == .department {
            decision.handler = .community
            decision.departments = []
        }
        decision.respondBy = deadlines.respondBy
        decision.resolveBy = deadlines.resolveBy
        let target = department?.name ?? decision.grid.map { $0.name.hasPrefix($0.community.name) ? $0.name : $0.community.name + $0.name } ?? "属地"
        decision.reasons = ["由\(actor)人工派单至\(target)"]
        decision.rules = [RoutingRule("dispatch.manual", ["by": actor, "grid": decision.grid?.code ?? "", "department": department?.code ?? ""])]
        try self.store(decision, on: locked, using: snapshot, event: .ticketAssigned, extra: ["manual": .bool(true)], on: connection)
        return try self.find(locked.ticket.id, on: connection)!
    }
}
