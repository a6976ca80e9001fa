import CaseStore
import Foundation
import Logging
import Outbox
import Postgres
import Testing

/// Wake-up hints: where a relay's next pass should start.
@Suite struct WakeUpsTests {
    let logger = Logger(label: "wakeups-tests")

    @Test func aFirstPassAndAnExplicitWakeLookEverywhereAndAreTakenOnce() {
        let wakeUps = WakeUps(databaseURL: nil, channel: "outbox", pollInterval: .seconds(1), logger: self.logger)
        #expect(wakeUps.takeHint() == .everything)
        #expect(wakeUps.takeHint() == .nothing)
        wakeUps.wake()
        #expect(wakeUps.takeHint() == .everything)
        #expect(wakeUps.takeHint() == .nothing)
    }

    @Test func theOutboxNotifyNamesTheFirstSeqItsInsertWrote() async throws {
        let databaseURL = try TestServers.value("DATABASE_URL")
        let pool = PostgresPool(url: databaseURL, size: 1, logger: self.logger)
        _ = try await Migrator.migrate(pool, Schema.migrations, logger: self.logger)
        let listener = PostgresListener(url: databaseURL, channels: ["outbox"], logger: self.logger)
        var events = listener.notifications().makeAsyncIterator()
        guard case .reconnected = await events.next() else {
            Issue.record("the listener did not start")
            return
        }
        // Ends the stream if the notification never comes, so the test fails instead of hanging.
        let timeout = Task {
            try await Task.sleep(for: .seconds(10))
            listener.stop()
        }
        // An exchange nobody binds: the services' relays publish these rows into nothing.
        let messages = (0..<3).map { i in
            OutboxMessage(
                id: UUID().uuidString.lowercased(), exchange: "hotline.events", routingKey: "test.wakeups.\(i)", type: "test",
                ticketId: nil, body: "{}"
            )
        }
        let first = try await pool.transaction { connection in
            try Outbox.append(messages, on: connection)
            return try connection.query(
                "SELECT min(seq) AS seq FROM outbox WHERE event_id = ANY($1::uuid[])", [messages.map(\.id)]
            )[0].decode("seq", as: Int64.self)
        }
        var found = false
        while !found, let event = await events.next() {
            // Other processes insert rows too: look for this insert's notification.
            if case .notification(let notification) = event, notification.payload == String(first) { found = true }
        }
        #expect(found)
        timeout.cancel()
        listener.stop()
        await pool.shutdown()
    }
}
