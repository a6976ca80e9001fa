import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

/// The case record: creates tickets and applies every lifecycle transition, each one checked
/// by the domain state machine under a row lock and written with its events (outbox) in the
/// caller's transaction. All functions take the connection of that transaction.
public struct CaseStore: Sendable {
    /// Zone in which ticket numbers take their day.
    public let timeZone: TimeZone
    /// Returns after which a ticket goes to manual dispatch.
    public let maxReturns: Int
    /// Dissatisfied ratings after which a reopened ticket is also escalated.
    public let maxReopens: Int

    /// A store numbering tickets by day in `timeZone`.
    public init(timeZone: TimeZone, maxReturns: Int = 3, maxReopens: Int = 2) {
        self.timeZone = timeZone
        self.maxReturns = maxReturns
        self.maxReopens = maxReopens
    }

    /// Inserts a ticket as `received` and appends `ticket.received`; the number is
    /// `12345-<local day>-<sequence>`, unique and sortable by day.
    public func create(_ new: NewTicket, promisedBy: Date?, on connection: PostgresConnection) throws -> Ticket {
        let rows = try connection.query(
            """
            INSERT INTO tickets (id, number, status, channel, caller_name, caller_phone, description,
                requested_category, category, address, lat, lon, requested_grid, requested_urgency, major,
                external_id, created_at, updated_at, duplicate_of, trace_id)
            VALUES ($1::uuid, '12345-' || $2 || '-' || lpad(nextval('ticket_number_seq')::text, 6, '0'), 'received',
                $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, NULL, $17)
            RETURNING \(Ticket.columns)
            """,
            [
                new.id, self.day(new.createdAt), new.channel.rawValue, new.callerName, new.callerPhone, new.description,
                new.requestedCategory, new.category, new.address, new.coordinate?.lat, new.coordinate?.lon, new.grid,
                new.urgency?.rawValue, new.major?.rawValue, new.externalId, new.createdAt, new.traceId,
            ]
        )
        let ticket = try Ticket(row: rows[0])
        var data: [String: JSONValue] = [:]
        if let promisedBy { data["promisedBy"] = .string(HotlineJSON.format(promisedBy)) }
        try self.emit(.ticketReceived, ticket, data, on: connection)
        CaseMetrics.received.increment()
        return ticket
    }

    /// The ticket with this id or number, with its history when asked.
    public func find(_ idOrNumber: String, withHistory: Bool = false, on connection: PostgresConnection) throws -> Ticket? {
        let byId = UUID(uuidString: idOrNumber) != nil
        let rows = try connection.query(
            "SELECT \(Ticket.columns) FROM tickets WHERE \(byId ? "id = $1::uuid" : "number = $1")", [idOrNumber]
        )
        guard let row = rows.first else { return nil }
        var ticket = try Ticket(row: row)
        if withHistory { ticket.history = try self.history(of: ticket.id, on: connection) }
        return ticket
    }

    /// The ticket's timeline: its events in the order they were written.
    public func history(of ticketId: String, on connection: PostgresConnection) throws -> [Ticket.HistoryEntry] {
        let rows = try connection.query(
            "SELECT body FROM outbox WHERE history AND ticket_id = $1::uuid AND exchange = $2 ORDER BY seq",
            [ticketId, Topology.eventsExchange]
        )
        let decoder = HotlineJSON.decoder()
        return try rows.map { row in
            let envelope = try decoder.decode(EventEnvelope.self, from: Data(try row.decode("body", as: String.self).utf8))
            var data = envelope.payload
            // The snapshot of the ticket rides on each event for consumers; the timeline needs only the change.
            if case .object(var fields) = data {
                fields["ticket"] = nil
                data = .object(fields)
            }
            return Ticket.HistoryEntry(id: envelope.id, type: envelope.type, occurredAt: envelope.occurredAt, data: data)
        }
    }

    /// Appends an event about `ticket` (with its snapshot under `ticket`) to the outbox.
    func emit(
        _ type: EventType, _ ticket: Ticket, _ data: [String: JSONValue], routing: RoutingDecision? = nil, on connection: PostgresConnection
    ) throws {
        try Outbox.append([try self.event(type, ticket, data, routing: routing)], on: connection)
    }

    /// The outbox message of an event about `ticket` (its snapshot under `ticket`, a routing
    /// decision under `routing`).
    func event(_ type: EventType, _ ticket: Ticket, _ data: [String: JSONValue], routing: RoutingDecision? = nil) throws -> OutboxMessage {
        let envelope = TypedEventEnvelope(
            type: type, occurredAt: Date(), ticketId: ticket.id, ticketNumber: ticket.number,
            data: TicketEventData(data, routing: routing, ticket: ticket)
        )
        return try OutboxMessage.event(envelope, traceparent: TraceContext(traceId: ticket.traceId)?.traceparent())
    }

    /// The local day `yyyyMMdd` of `date`.
    func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

extension CaseStore {
    /// The SELECT list that `tickets(_:)` decodes, for queries written outside the store.
    public static var ticketColumns: String { Ticket.columns }

    /// Decodes rows selected with `ticketColumns`.
    public static func tickets(_ rows: PostgresRows) throws -> [Ticket] {
        try rows.map { try Ticket(row: $0) }
    }

    /// The tickets with these ids (uuids; anything else is skipped), by lower-case id, in one query.
    /// Without `routingRules` their `routing.rules` is left out (nil), for readers that never
    /// show it (the notification planner): decoding it was most of the cost of the read.
    public static func tickets(ids: [String], routingRules: Bool = true, on connection: PostgresConnection) throws -> [String: Ticket] {
        let uuids = Array(Set(ids.filter { UUID(uuidString: $0) != nil }.map { $0.lowercased() }))
        guard !uuids.isEmpty else { return [:] }
        let rows = try connection.query("SELECT \(Ticket.columns) FROM tickets WHERE id = ANY($1::uuid[])", [uuids])
        return Dictionary(
            try rows.map { row in let ticket = try Ticket(row: row, routingRules: routingRules); return (ticket.id, ticket) },
            uniquingKeysWith: { a, _ in a }
        )
    }
}

extension CaseStore {
    /// Inserts many tickets and their `ticket.received` events in two statements: the group
    /// commit of intake. Returns the tickets in the order given.
    public func createMany(_ news: [(ticket: NewTicket, promisedBy: Date?)], on connection: PostgresConnection) throws -> [Ticket] {
        guard !news.isEmpty else { return [] }
        func column<T>(_ value: (NewTicket) -> T?) -> [String?] where T: PostgresEncodable {
            news.map { value($0.ticket)?.postgresText }
        }
        let rows = try connection.query(
            """
            INSERT INTO tickets (id, number, status, channel, caller_name, caller_phone, description,
                requested_category, category, address, lat, lon, requested_grid, requested_urgency, major,
                external_id, created_at, updated_at, trace_id)
            SELECT i::uuid, '12345-' || d || '-' || lpad(nextval('ticket_number_seq')::text, 6, '0'), 'received',
                ch, cn, cp, de, rc, ca, ad, la::float8, lo::float8, gr, ur, ma, ex, cr::timestamptz, cr::timestamptz, tr
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
                WITH ORDINALITY AS n(i, d, ch, cn, cp, de, rc, ca, ad, la, lo, gr, ur, ma, ex, cr, tr, o)
            ORDER BY o
            RETURNING \(Ticket.columns)
            """,
            [
                news.map(\.ticket.id), news.map { self.day($0.ticket.createdAt) }, news.map(\.ticket.channel.rawValue),
                column(\.callerName), column(\.callerPhone), news.map(\.ticket.description), column(\.requestedCategory),
                column(\.category), column(\.address), column { $0.coordinate?.lat }, column { $0.coordinate?.lon },
                column(\.grid), column { $0.urgency?.rawValue }, column { $0.major?.rawValue }, column(\.externalId),
                column(\.createdAt), column(\.traceId),
            ]
        )
        let byId = Dictionary(try rows.map { row -> (String, Ticket) in
            let ticket = try Ticket(row: row)
            return (ticket.id, ticket)
        }, uniquingKeysWith: { a, _ in a })
        let tickets = try news.map { item -> Ticket in
            guard let ticket = byId[item.ticket.id] else { throw CaseError.corrupt("ticket \(item.ticket.id) not inserted") }
            return ticket
        }
        let events = try zip(tickets, news).map { ticket, item -> OutboxMessage in
            var data: [String: JSONValue] = [:]
            if let promised = item.promisedBy { data["promisedBy"] = .string(HotlineJSON.format(promised)) }
            return try self.event(.ticketReceived, ticket, data)
        }
        try Outbox.append(events, on: connection)
        CaseMetrics.received.increment(by: tickets.count)
        return tickets
    }
}
