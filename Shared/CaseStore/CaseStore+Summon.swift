import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

extension CaseStore {
    /// 吹哨报到: adds `departments` to a live ticket as assisting ones. Each gets a task on
    /// `tasks.<code>` marked `summoned`, and must report in (accept) within the catalog's respond
    /// time for the ticket's urgency or is marked overdue by ``watchDeadlines``. `community`, when
    /// given (a secretary's key), must be the ticket's, else `notFound`.
    public func summon(
        _ ticketId: String, departments codes: [String], by name: String, community: String?, note: String?,
        using snapshot: JurisdictionSnapshot, on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let ticket = locked.ticket
        if let community, ticket.routing?.community != community { throw CaseError.notFound(ticketId) }
        guard ticket.status == .assigned || ticket.status == .accepted else {
            throw CaseError.illegal(action: "summon departments to", status: ticket.status)
        }
        let departments = try Self.summoned(codes, besides: locked.departments, using: snapshot)
        let unique = departments.map(\.code)
        let reportBy = snapshot.deadlines(for: ticket.urgency ?? .general, from: Date()).respondBy
        var routing = ticket.routing ?? Ticket.Routing(
            RoutingDecision(
                outcome: .routed, category: ticket.category, grid: nil, handler: ticket.handler, departments: [],
                urgency: ticket.urgency ?? .general, respondBy: nil, resolveBy: nil, reasons: [], unroutableReason: nil
            )
        )
        routing.departments += departments.map { DepartmentAssignment(code: $0.code, name: $0.name, role: .assist) }
        routing.reasons.append("吹哨报到：\(name)召集\(departments.map(\.name).joined(separator: "、"))协同处置")
        let routingJSON = String(decoding: try HotlineJSON.encoder().encode(routing), as: UTF8.self)
        let rows = try connection.query(
            """
            UPDATE tickets SET departments = departments || $2::text[], routing = $3, version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [ticket.id, unique, routingJSON]
        )
        let updated = try Ticket(row: rows[0])
        try connection.query(
            """
            INSERT INTO summons (ticket_id, department, summoned_by, note, respond_by)
            SELECT $1::uuid, d, $2, $3, $4 FROM unnest($5::text[]) AS d
            """,
            [ticket.id, name, note, reportBy, unique]
        )
        var data: [String: JSONValue] = [
            "by": .string(name), "departments": .array(unique.map { .string($0) }),
            "departmentNames": .array(departments.map { .string($0.name) }), "reportBy": .string(HotlineJSON.format(reportBy)),
        ]
        if let note { data["note"] = .string(note) }
        let tasks = try departments.map { department in
            var task = DepartmentTask(ticket: updated, department: department.code, role: .assist)
            task.summoned = true
            task.reportBy = reportBy
            return try OutboxMessage.task(
                department: department.code, ticketId: updated.id, payload: task,
                traceparent: TraceContext(traceId: updated.traceId)?.traceparent()
            )
        }
        try Outbox.append([try self.event(.ticketSummoned, updated, data)] + tasks, on: connection)
        return updated
    }

    /// Records a summoned department's report-in, once; nil when `department` has no pending
    /// summons on the ticket (the accept is then an ordinary one).
    func reportIn(
        _ locked: LockedTicket, department: String, data: [String: JSONValue], on connection: PostgresConnection
    ) throws -> Ticket? {
        let rows = try connection.query(
            """
            UPDATE summons SET reported_at = now() WHERE ticket_id = $1::uuid AND department = $2 AND reported_at IS NULL
            RETURNING summoned_by, overdue_at IS NOT NULL AS late
            """,
            [locked.ticket.id, department]
        )
        guard let row = rows.first else { return nil }
        guard locked.ticket.status == .assigned || locked.ticket.status == .accepted else {
            throw CaseError.illegal(action: "report in on", status: locked.ticket.status)
        }
        var data = data
        data["summonedBy"] = .string(try row.decode("summoned_by", as: String.self))
        data["late"] = .bool(try row.decode("late", as: Bool.self))
        try self.emit(.ticketReportedIn, locked.ticket, data, on: connection)
        return locked.ticket
    }

    /// Marks summoned departments that did not report in by their deadline: one `ticket.overdue`
    /// (`what: report_in`, `department`) each, once. Returns how many.
    func watchSummons(limit: Int, on connection: PostgresConnection) throws -> Int {
        let rows = try connection.query(
            """
            UPDATE summons SET overdue_at = now()
            WHERE (ticket_id, department) IN (
                SELECT s.ticket_id, s.department FROM summons s JOIN tickets t ON t.id = s.ticket_id
                WHERE s.reported_at IS NULL AND s.overdue_at IS NULL AND s.respond_by < now()
                  AND t.status IN ('assigned', 'accepted')
                LIMIT $1 FOR UPDATE OF s SKIP LOCKED)
            RETURNING ticket_id::text AS ticket_id, department
            """,
            [limit]
        )
        for row in rows {
            guard let ticket = try self.find(try row.decode("ticket_id", as: String.self), on: connection) else { continue }
            try self.emit(
                .ticketOverdue, ticket,
                ["what": .string("report_in"), "department": .string(try row.decode("department", as: String.self)), "summoned": .bool(true)],
                on: connection
            )
        }
        CaseMetrics.overdue.increment(by: rows.count)
        return rows.count
    }

    /// The departments `codes` summons, once each in the order given: refused (`invalid`, field
    /// `departments`) when it names none, an unknown code, or one of `present` (already on the
    /// ticket). ``InMemorySummons`` applies the same rule.
    static func summoned(_ codes: [String], besides present: [String], using snapshot: JurisdictionSnapshot) throws -> [Department] {
        var unique: [String] = []
        for code in codes where !unique.contains(code) { unique.append(code) }
        guard !unique.isEmpty else { throw CaseError.invalid(field: "departments", message: "name at least one department code") }
        return try unique.map { code in
            guard let department = snapshot.department(code) else {
                throw CaseError.invalid(field: "departments", message: "unknown department '\(code)'")
            }
            guard !present.contains(code) else {
                throw CaseError.invalid(field: "departments", message: "\(code) is already on this ticket")
            }
            return department
        }
    }
}
