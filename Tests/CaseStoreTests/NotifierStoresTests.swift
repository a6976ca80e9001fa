import CaseStore
import Foundation
import HotlineDomain
import Postgres
import Synchronization
import Testing

/// The notifier's PostgreSQL stores on the real database, each test in a schema of its own:
/// an inbound message applied once in its transaction (a refused part rolled back to its
/// savepoint, answers handed to the planner, the outcome recorded), a broadcast's recipients
/// recorded once, and the volunteers' phones.
@Suite struct NotifierStoresTests {
    /// A grid worker's `接单` as the notifier applies it, with one refused attempt first.
    struct AcceptOnce: InboundSMSHandler {
        struct Refused: Error {}

        func handle(_ message: InboundSMS, using snapshot: JurisdictionSnapshot, in cases: any InboundSMSCases) throws -> (outcome: String, ticketId: String?) {
            let party = try #require(GridParty(phone: message.phone, in: snapshot.grids))
            let open = try cases.openTasks(of: party, limit: 50)
            guard let ticket = open.first, open.count == 1 else { return ("none", nil) }
            // Applied, then refused: nothing of it may stay.
            do {
                try cases.atomically {
                    _ = try cases.reply(ticket.number, action: .accept, party: party, note: nil, using: snapshot)
                    try cases.answer(SMSAnswer(kind: "command_ack", recipient: message.phone, role: "grid_worker", body: "rolled back"))
                    throw Refused()
                }
            } catch is Refused {}
            let accepted = try cases.atomically {
                try cases.reply(ticket.number, action: .accept, party: party, note: nil, using: snapshot)
            }
            try cases.answer(SMSAnswer(kind: "command_ack", recipient: message.phone, role: "grid_worker", body: "已接单", ticketId: accepted.id))
            return ("command accept \(accepted.number)", accepted.id)
        }
    }

    @Test func anInboundMessageIsAppliedOnceInItsTransaction() async throws {
        try await TestSchema.run { schema in
            let store = CaseStore(timeZone: WorkingCalendar.chinaTimeZone)
            let new = {
                var new = CaseStoreTests.streetlight()
                (new.category, new.requestedCategory) = ("neighbour_dispute", "neighbour_dispute")
                return new
            }()
            let created = try await schema.pool.transaction { try store.create(new, promisedBy: nil, on: $0) }
            #expect(try await schema.pool.transaction { try store.route(created.id, using: schema.snapshot, on: $0) })
            let planned = Mutex<[SMSAnswer]>([])
            let repository = PostgresInboundSMSRepository(pool: schema.pool, store: store, handler: AcceptOnce()) { answers, _ in
                planned.withLock { $0 += answers }
            }
            let message = InboundSMS(messageId: "sms-1", phone: "13909310301", text: "接单", receivedAt: Date())
            let applied = try #require(try await repository.receive(message, using: schema.snapshot))
            #expect(applied.outcome == "command accept \(created.number)")
            #expect(applied.ticketId == created.id)
            #expect(planned.withLock { $0.map(\.body) } == ["已接单"], "the answer of the rolled-back part was kept")

            let ticket = try #require(try await schema.pool.withConnection { try store.find(created.id, withHistory: true, on: $0) })
            #expect(ticket.status == .accepted)
            #expect((ticket.history ?? []).filter { $0.type == EventType.ticketAccepted.rawValue }.count == 1)
            let row = try await schema.pool.withConnection { connection in
                try connection.query("SELECT outcome, ticket_id::text AS ticket FROM inbound_sms WHERE message_id = 'sms-1'").map {
                    (try $0.decode("outcome", as: String.self), try $0.decode("ticket", as: String?.self))
                }
            }
            #expect(row.count == 1 && row.first?.0 == applied.outcome && row.first?.1 == created.id)
            // The same message again changes nothing.
            #expect(try await repository.receive(message, using: schema.snapshot) == nil)
            #expect(planned.withLock { $0.count } == 1)
        }
    }

    @Test func aResidentsRatingFindsOnlyItsOwnResolvedTicket() async throws {
        try await TestSchema.run { schema in
            let store = CaseStore(timeZone: WorkingCalendar.chinaTimeZone)
            let mine = try await schema.pool.transaction { try store.create(CaseStoreTests.streetlight(phone: "13800000011"), promisedBy: nil, on: $0) }
            let theirs = try await schema.pool.transaction { try store.create(CaseStoreTests.streetlight(phone: "13800000012"), promisedBy: nil, on: $0) }
            _ = try await schema.pool.withConnection { connection in
                try connection.query("UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = ANY($1::uuid[])", [[mine.id, theirs.id]])
            }
            let found = try await schema.pool.transaction { connection -> [String?] in
                let cases = PostgresInboundSMSCases.on(connection, store: store)
                return [
                    try cases.ticketAwaitingRating(from: "13800000011", number: nil),
                    try cases.ticketAwaitingRating(from: "13800000011", number: theirs.number),
                    try cases.ticketAwaitingRating(from: "13800000011", number: mine.number),
                    try cases.ticketAwaitingRating(from: "13800000019", number: nil),
                ]
            }
            #expect(found == [mine.id, nil, mine.id, nil])
        }
    }

    @Test func aBroadcastsRecipientsAreRecordedOnce() async throws {
        try await TestSchema.run { schema in
            let id = UUID().uuidString.lowercased()
            let recipients = [
                BroadcastRecipient(name: "王小红", phone: "13909310301", grids: ["620402001"]),
                BroadcastRecipient(name: "张建国", phone: "13909310302", grids: ["620402002"]),
            ]
            let notifications = recipients.map { _ in UUID().uuidString.lowercased() }
            try await schema.pool.transaction { connection in
                try connection.query(
                    "INSERT INTO broadcasts (id, scope_kind, scope_code, text, require_ack, created_by) VALUES ($1::uuid, 'community', '620402101', '巡查', true, 'test')",
                    [id]
                )
                try PostgresBroadcastFanOutStore(connection: connection).recordFanOut(of: id, to: recipients, notifications: notifications)
            }
            // A redelivered event records nothing more.
            try await schema.pool.transaction { connection in
                try PostgresBroadcastFanOutStore(connection: connection).recordFanOut(of: id, to: Array(recipients.prefix(1)), notifications: ["00000000-0000-0000-0000-000000000001"])
            }
            let (rows, count) = try await schema.pool.withConnection { connection in
                (
                    try connection.query("SELECT phone, notification_id::text AS n FROM broadcast_recipients WHERE broadcast_id = $1::uuid ORDER BY phone", [id])
                        .map { [try $0.decode("phone", as: String.self), try $0.decode("n", as: String.self)] },
                    try connection.query("SELECT recipient_count FROM broadcasts WHERE id = $1::uuid AND fanned_out_at IS NOT NULL", [id])
                        .first?.decode("recipient_count", as: Int.self)
                )
            }
            #expect(rows == [["13909310301", notifications[0]], ["13909310302", notifications[1]]])
            #expect(count == 2)
        }
    }

    @Test func theDirectoryGivesTheVolunteersPhonesByCode() async throws {
        try await TestSchema.run { schema in
            let zone = WorkingCalendar.chinaTimeZone
            let (phones, record, unknown) = try await schema.pool.transaction { connection in
                _ = try VolunteerStore(timeZone: zone).upsert(
                    [
                        Volunteer(code: "V2", name: "李四", phone: "13700000002", community: "620402101", skills: ["repair"]),
                        Volunteer(code: "V1", name: "王五", phone: "13700000001", community: "620402101", skills: ["repair"]),
                    ],
                    on: connection
                )
                let directory = PostgresVolunteerDirectory(connection: connection, timeZone: zone)
                return (try directory.phones(of: ["V2", "V1", "V9"]), try directory.volunteer(code: "V2"), try directory.volunteer(code: "V9"))
            }
            #expect(phones == ["13700000001", "13700000002"])
            #expect(record?.volunteer.phone == "13700000002" && record?.volunteer.name == "李四")
            #expect(unknown == nil)
        }
    }
}
