import Foundation
import HotlineDomain
import Postgres

/// ``InboundSMSCases`` on the connection of one inbound message's transaction (made by
/// ``PostgresInboundSMSRepository``): the answers are collected and written with the outcome.
public final class PostgresInboundSMSCases: InboundSMSCases {
    /// The message's transaction.
    let connection: PostgresConnection
    /// The case operations applied on it.
    let store: CaseStore
    /// The answers sent so far.
    private(set) var answers: [SMSAnswer] = []
    private var savepoints = 0

    /// The cases on `connection`, inside the message's transaction.
    init(connection: PostgresConnection, store: CaseStore) {
        self.connection = connection
        self.store = store
    }

    /// The cases on `connection` (in a transaction), for a test of the queries.
    public static func on(_ connection: PostgresConnection, store: CaseStore) -> PostgresInboundSMSCases {
        PostgresInboundSMSCases(connection: connection, store: store)
    }

    public func volunteer(phone: String) throws -> VolunteerRecord? {
        try VolunteerStore(timeZone: self.store.timeZone).find(phone: phone, on: self.connection)
    }

    public func openTasks(of party: GridParty, limit: Int) throws -> [Ticket] {
        try self.store.openTasks(of: party, limit: limit, on: self.connection)
    }

    public func volunteerTasks(_ code: String, limit: Int) throws -> [Ticket] {
        try self.store.volunteerTasks(code, limit: limit, on: self.connection)
    }

    public func find(_ number: String) throws -> Ticket? {
        try self.store.find(number, on: self.connection)
    }

    public func reply(_ number: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot) throws -> Ticket {
        try self.store.reply(number, action: action, party: party, note: note, using: snapshot, on: self.connection)
    }

    public func take(_ number: String, volunteer: VolunteerRecord) throws -> CaseStore.Take {
        try self.store.take(number, volunteer: volunteer, on: self.connection)
    }

    public func volunteerReply(
        _ number: String, action: ReplyAction, volunteer: VolunteerRecord, note: String?, using snapshot: JurisdictionSnapshot
    ) throws -> Ticket {
        try self.store.volunteerReply(number, action: action, volunteer: volunteer, note: note, using: snapshot, on: self.connection)
    }

    public func atomically<T>(_ body: () throws -> T) throws -> T {
        self.savepoints += 1
        let name = "inbound_sms_\(self.savepoints)"
        let answered = self.answers.count
        try self.connection.query("SAVEPOINT \(name)")
        do {
            let result = try body()
            try self.connection.query("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            try self.connection.query("ROLLBACK TO SAVEPOINT \(name)")
            self.answers.removeSubrange(answered...)
            throw error
        }
    }

    public func answerCheckin(from phone: String, at time: Date) throws -> HouseholdCheckins.Checkin? {
        try HouseholdCheckins().answer(from: phone, at: time, on: self.connection)
    }

    public func acknowledgeBroadcast(from phone: String, at time: Date) throws -> BroadcastAcknowledgements.Outcome? {
        try BroadcastAcknowledgements().acknowledge(by: .phone(phone), at: time, on: self.connection)
    }

    public func ticketAwaitingRating(from phone: String, number: String?) throws -> String? {
        // Only a ticket this phone called in: another resident's number rates nothing.
        let candidates = try self.connection.query(
            """
            SELECT id::text AS id FROM tickets
            WHERE caller_phone = $1 AND status IN ('resolved', 'answered') AND ($2::text IS NULL OR number = $2)
            ORDER BY COALESCE(resolved_at, created_at) DESC LIMIT 1 FOR UPDATE
            """,
            [phone, number]
        )
        return try candidates.first?.decode("id", as: String.self)
    }

    public func rate(_ id: String, score: RatingScore, reason: String?, using snapshot: JurisdictionSnapshot) throws {
        _ = try self.store.rate(id, score: score, reason: reason, source: "sms", using: snapshot, on: self.connection)
    }

    public func answer(_ answer: SMSAnswer) throws {
        self.answers.append(answer)
    }
}
