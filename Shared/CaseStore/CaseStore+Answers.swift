import Foundation
import HotlineDomain
import Metrics
import Postgres

/// The article a call was answered with, as the ticket's `ticket.answered` event carries it
/// (the notifier writes the caller's SMS from it).
public struct AnswerArticle: Sendable {
    /// The article's id.
    public var id: String
    /// Its title, named in the SMS.
    public var title: String
    /// The short answer for the SMS (the article's `answer`, or its body's opening).
    public var answer: String

    /// An answer of this article.
    public init(id: String, title: String, answer: String) {
        self.id = id
        self.title = title
        self.answer = answer
    }
}

extension CaseStore {
    /// Inserts a ticket answered on the call (直接答复): status `answered` at once, with a
    /// `ticket.answered` event instead of `ticket.received`, so the dispatcher never routes it
    /// (no task, no duplicate linking, no cluster) and the notifier sends the caller the answer.
    public func createAnswered(
        _ new: NewTicket, article: AnswerArticle, note: String?, by actor: String, on connection: PostgresConnection
    ) throws -> Ticket {
        let rows = try connection.query(
            """
            INSERT INTO tickets (id, number, status, channel, caller_name, caller_phone, description,
                requested_category, category, address, lat, lon, requested_grid, requested_urgency, major,
                external_id, created_at, updated_at, trace_id, answered_article)
            VALUES ($1::uuid, '12345-' || $2 || '-' || lpad(nextval('ticket_number_seq')::text, 6, '0'), 'answered',
                $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18::uuid)
            RETURNING \(Ticket.columns)
            """,
            [
                new.id, self.day(new.createdAt), new.channel.rawValue, new.callerName, new.callerPhone, new.description,
                new.requestedCategory, new.category, new.address, new.coordinate?.lat, new.coordinate?.lon, new.grid,
                new.urgency?.rawValue, new.major?.rawValue, new.externalId, new.createdAt, new.traceId, article.id,
            ]
        )
        let ticket = try Ticket(row: rows[0])
        var data: [String: JSONValue] = [
            "article": .object(["id": .string(article.id), "title": .string(article.title), "answer": .string(article.answer)]),
            "by": .string(actor),
        ]
        if let note { data["note"] = .string(note) }
        try self.emit(.ticketAnswered, ticket, data, on: connection)
        CaseMetrics.received.increment()
        return ticket
    }

    /// A dissatisfied rating of a direct answer: the ticket becomes a normal one, `received`
    /// again with a new `ticket.received` (the dispatcher routes it, the caller gets a receipt).
    func reopenAnswered(_ locked: LockedTicket, using snapshot: JurisdictionSnapshot, on connection: PostgresConnection) throws -> Ticket {
        let reopened = try self.update(
            locked.ticket.id, status: .received, set: "answered_article = NULL, rating = NULL, rated_at = NULL", on: connection
        )
        var data: [String: JSONValue] = ["reason": .string("答复不满意，转为普通工单办理"), "reopenedFrom": .string("answered")]
        // The receipt promises what routing will decide, as for any new call.
        let location = reopened.location
        let request = RoutingRequest(
            category: locked.requestedCategory, description: reopened.description, address: location.address,
            coordinate: location.lat.flatMap { lat in location.lon.map { Coordinate(lat: lat, lon: $0) } }, gridCode: location.grid,
            urgency: locked.requestedUrgency, major: reopened.major
        )
        let decision = snapshot.router.route(request, at: Date())
        if decision.outcome == .routed, let resolveBy = decision.resolveBy {
            data["promisedBy"] = .string(HotlineJSON.format(resolveBy))
        }
        try self.emit(.ticketReceived, reopened, data, on: connection)
        return reopened
    }
}
