import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

extension CaseStore {
    /// Offers the freshly routed service orders among `tickets` (handler `volunteer`; the others
    /// are skipped) to the volunteers of their community with the skill, available today: one
    /// query finds them all, one insert records who each went to, and the returned
    /// `ticket.offered` events (codes only, never a phone), one per order, go into the caller's
    /// outbox append. An order nobody can be offered still has its event, with no volunteers:
    /// the notifier alerts the secretary at once.
    func offers(_ tickets: [Ticket], on connection: PostgresConnection) throws -> [OutboxMessage] {
        let orders = tickets.filter { $0.routing?.handler == .volunteer && $0.routing?.community != nil && $0.category != nil }
        guard !orders.isEmpty else { return [] }
        let candidates = try VolunteerStore(timeZone: self.timeZone).candidates(
            orders: orders.map { (ticket: $0.id, category: $0.category ?? "", community: $0.routing?.community ?? "") }, at: Date(),
            on: connection
        )
        let pairs = orders.flatMap { order in (candidates[order.id.lowercased()] ?? []).map { (order.id, $0.volunteer.code) } }
        try connection.query(
            "INSERT INTO volunteer_offers (ticket_id, volunteer) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING",
            [pairs.map(\.0), pairs.map(\.1)]
        )
        VolunteerMetrics.offered.increment(by: orders.count)
        return try orders.map { order in
            let codes = (candidates[order.id.lowercased()] ?? []).map(\.volunteer.code)
            return try self.event(.ticketOffered, order, ["volunteers": .array(codes.map(JSONValue.string))])
        }
    }

    /// The result of a take: the ticket after it, what the take came to, and the other
    /// volunteers the order was offered to (told it is taken when the take won).
    public struct Take: Sendable {
        public var ticket: Ticket
        public var outcome: VolunteerOffer.TakeOutcome
        public var others: [String]

        /// A take's result (the in-memory twins make them too).
        public init(ticket: Ticket, outcome: VolunteerOffer.TakeOutcome, others: [String]) {
            self.ticket = ticket
            self.outcome = outcome
            self.others = others
        }
    }

    /// `volunteer` takes the service order `ticketId` (id or number): the first wins. The row
    /// lock serializes concurrent takes and the update is conditional (`volunteer IS NULL`), so
    /// exactly one take wins whichever instance of which service applies it. `byHand` names the
    /// secretary or operator who assigns it by hand (then it need not have been offered to them).
    public func take(
        _ ticketId: String, volunteer: VolunteerRecord, byHand: String? = nil, on connection: PostgresConnection
    ) throws -> Take {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        let ticket = locked.ticket
        guard ticket.handler == .volunteer else {
            throw CaseError.invalid(field: "ticket", message: "not a service order of the volunteers' menu")
        }
        if byHand != nil, ticket.routing?.community != volunteer.volunteer.community {
            throw CaseError.invalid(field: "volunteer", message: "the volunteer serves another community")
        }
        let offered = try connection.query("SELECT volunteer FROM volunteer_offers WHERE ticket_id = $1::uuid", [ticket.id])
            .map { try $0.decode("volunteer", as: String.self) }
        let offer = VolunteerOffer(status: ticket.status, taker: ticket.volunteer, offeredTo: Set(offered))
        let code = volunteer.volunteer.code
        let outcome = offer.take(by: code, byHand: byHand != nil)
        let others = offered.filter { $0 != code }.sorted()
        guard outcome.wins else {
            if case .takenByOther = outcome { VolunteerMetrics.lateTakes.increment() }
            return Take(ticket: ticket, outcome: outcome, others: others)
        }
        _ = try locked.next(.accept, named: "take")
        let rows = try connection.query(
            """
            UPDATE tickets SET volunteer = $2, status = 'accepted', responded_at = COALESCE(responded_at, now()),
                version = version + 1, updated_at = now()
            WHERE id = $1::uuid AND volunteer IS NULL AND status = 'assigned'
            RETURNING \(Ticket.columns)
            """,
            [ticket.id, code]
        )
        guard let row = rows.first else {
            // Unreachable under the row lock; if it ever happens the other take won.
            let now = try self.find(ticket.id, on: connection) ?? ticket
            return Take(ticket: now, outcome: .takenByOther(now.volunteer ?? ""), others: others)
        }
        if offered.contains(code) == false {
            try connection.query("INSERT INTO volunteer_offers (ticket_id, volunteer) VALUES ($1::uuid, $2) ON CONFLICT DO NOTHING", [ticket.id, code])
        }
        let taken = try Ticket(row: row)
        var data: [String: JSONValue] = [
            "by": .string(code), "byName": .string(volunteer.volunteer.name), "volunteer": .string(code),
            "others": .array(others.map(JSONValue.string)),
        ]
        if let byHand { data["assignedBy"] = .string(byHand) }
        try self.emit(.ticketAccepted, taken, data, on: connection)
        VolunteerMetrics.taken.increment()
        VolunteerMetrics.takeSeconds.recordNanoseconds(Int64(max(0, Date().timeIntervalSince(ticket.createdAt)) * 1e9))
        return Take(ticket: taken, outcome: .taken, others: others)
    }

    /// The taker's progress or resolve (or a repeated accept after a reopening): applied as the
    /// community's reply, with the volunteer in the history. A return is refused: the volunteer
    /// asks the secretary, who gives the order to someone else.
    public func volunteerReply(
        _ ticketId: String, action: ReplyAction, volunteer: VolunteerRecord, note: String?, using snapshot: JurisdictionSnapshot,
        on connection: PostgresConnection
    ) throws -> Ticket {
        let ticket = try LockedTicket.lock(ticketId, on: connection).ticket
        guard ticket.handler == .volunteer, ticket.volunteer == volunteer.volunteer.code, let community = ticket.routing?.community else {
            throw CaseError.notFound(ticketId)
        }
        guard action != .return else {
            throw CaseError.refused(code: "volunteer_return", message: "志愿者不能退单，如无法服务请联系社区书记改派")
        }
        return try self.reply(
            ticket.id, action: action, actor: community, note: note, name: volunteer.volunteer.name, volunteer: volunteer.volunteer.code,
            using: snapshot, on: connection
        )
    }

    /// A volunteer's open work: orders offered to it that nobody took yet, then those it took
    /// that are not resolved.
    public func volunteerTasks(_ code: String, limit: Int = 200, on connection: PostgresConnection) throws -> [Ticket] {
        let rows = try connection.query(
            """
            SELECT \(Ticket.columns) FROM tickets
            WHERE handler = 'volunteer' AND status IN ('assigned', 'accepted')
              AND (tickets.volunteer = $1
                   OR (tickets.volunteer IS NULL AND id IN (SELECT ticket_id FROM volunteer_offers o WHERE o.volunteer = $1)))
            ORDER BY (tickets.volunteer IS NULL) DESC, resolve_by NULLS LAST, created_at LIMIT \(limit)
            """,
            [code]
        )
        return try rows.map(Ticket.init(row:))
    }

    /// Points for the volunteer of a service order just closed satisfied: the category's.
    func earnPoints(for closed: Ticket, using snapshot: JurisdictionSnapshot, on connection: PostgresConnection) throws {
        guard closed.handler == .volunteer, let volunteer = closed.volunteer, let code = closed.category else { return }
        let points = snapshot.jurisdiction.catalog.category(code: code)?.earnedPoints ?? Category.defaultPoints
        try VolunteerLedger(timeZone: self.timeZone).earn(volunteer, points: points, ticketId: closed.id, on: connection)
    }
}
