import Foundation
import HotlineDomain
import Postgres

extension CaseStore {
    /// Records the follow-up call's verified rating (回访复核) beside the resident's own: the
    /// centre calls the resident back and notes what the call found. The resident's rating stays
    /// as given; the rates (`/v1/stats`, rankings, reports) count the verified score in its place.
    /// The ticket's status does not change (a reopened ticket was already reopened by the
    /// resident's own dissatisfied rating). Refused (`not_rated`) while the resident has not rated:
    /// a follow-up call then records the resident's rating itself.
    public func verifyRating(
        _ ticketId: String, score: RatingScore, note: String?, by actor: String, on connection: PostgresConnection
    ) throws -> Ticket {
        let locked = try LockedTicket.lock(ticketId, on: connection)
        guard let resident = locked.ticket.rating else {
            throw CaseError.refused(
                code: "not_rated", message: "the resident has not rated this ticket: record the follow-up call's outcome as the rating"
            )
        }
        let rows = try connection.query(
            """
            UPDATE tickets SET verified_rating = $2, verified_note = $3, verified_by = $4, verified_at = now(),
                version = version + 1, updated_at = now()
            WHERE id = $1::uuid RETURNING \(Ticket.columns)
            """,
            [locked.ticket.id, score.rawValue, note, actor]
        )
        let verified = try Ticket(row: rows[0])
        var data: [String: JSONValue] = [
            "verifiedScore": .number(Double(score.rawValue)), "residentScore": .number(Double(resident)), "by": .string(actor),
        ]
        if let note { data["note"] = .string(note) }
        try self.emit(.ticketVisited, verified, data, on: connection)
        return verified
    }
}
