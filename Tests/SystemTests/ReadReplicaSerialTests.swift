import Foundation
import HotlineDomain
import Postgres
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Statistics read through the streaming replica of `PG_REPLICA=1` (`DATABASE_READ_URL`):
/// an intake started with it counts a ticket once the replica has replayed it, and not while the
/// replica's replay is paused, though the primary holds it (so the figures really come from the
/// replica). `make test` starts the replica and runs this suite with `PG_REPLICA=1`
/// (`make test-replica`); without `PG_REPLICA` it is skipped. Serial: it pauses the replica.
@Suite(
    .serialized,
    .enabled(if: !["", "0"].contains(ProcessInfo.processInfo.environment["PG_REPLICA"] ?? ""), "PG_REPLICA is not set: no replica to read through")
)
struct ReadReplicaSerialTests {

    @Test func statisticsFollowTheReplicaNotThePrimary() async throws {
        let stack = try Stack.load()
        let readURL = stack["DATABASE_READ_URL"]
        try #require(!readURL.isEmpty, "PG_REPLICA is set but .run/env has no DATABASE_READ_URL: start the stack with PG_REPLICA=1")
        let replica = try PostgresConnection(url: readURL)
        try #require(try replica.query("SELECT pg_is_in_recovery() AS standby")[0].decode("standby", as: Bool.self))
        // Whatever happens below, the replica replays again.
        defer { _ = try? replica.query("SELECT pg_wal_replay_resume()") }

        let port = (URL(string: stack["INTAKE_URL"])?.port ?? 8080) + 10_001
        let intake = try await ExtraInstance.start(stack, "intake", port: port, environment: ["DATABASE_READ_URL": readURL])
        defer { intake.stop() }

        // A street and ten days of their own, long ago, so no other ticket falls in them.
        let from = Date(timeIntervalSince1970: Double(Int.random(in: 0..<40_000)) * 21_600 + 631_152_000)
        let to = from.addingTimeInterval(10 * 86_400)
        let street = "RR-\(UUID().uuidString.prefix(8))"
        func insertTicket() async throws {
            try await stack.sql(
                """
                INSERT INTO tickets (id, number, status, channel, description, created_at, updated_at, street, respond_by, resolve_by)
                VALUES ($1::uuid, $2, 'received', 'phone', 'replica fixture', $3::timestamptz, $3::timestamptz, $4,
                    $3::timestamptz + interval '1 day', $3::timestamptz + interval '3 days')
                """,
                [UUID().uuidString, "RR-\(UUID().uuidString)", HotlineJSON.format(from.addingTimeInterval(3_600)), street]
            )
        }
        func received() async throws -> Int {
            let url = "http://127.0.0.1:\(port)/v1/stats?groupBy=street&from=\(HotlineJSON.format(from))&to=\(HotlineJSON.format(to))"
            let (status, json) = try await stack.http("GET", url, key: stack["OPERATOR_KEY"])
            try #require(status == 200, "GET /v1/stats answered \(status)")
            let groups = json["groups"] as? [[String: Any]] ?? []
            return groups.first { $0["key"] as? String == street }?["received"] as? Int ?? 0
        }
        func waitFor(_ count: Int, seconds: Double = 10) async throws -> Int {
            let deadline = Date().addingTimeInterval(seconds)
            var seen = try await received()
            while seen != count, Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
                seen = try await received()
            }
            return seen
        }

        // Replicated: the statistics count the first ticket.
        try await insertTicket()
        #expect(try await waitFor(1) == 1)

        // Replay paused: the primary has the second ticket, the statistics do not.
        _ = try replica.query("SELECT pg_wal_replay_pause()")
        try await insertTicket()
        let onPrimary = try await stack.sql("SELECT count(*) AS n FROM tickets WHERE street = $1", [street])[0].decode("n", as: Int.self)
        #expect(onPrimary == 2)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await received() == 1)

        // Replay resumed: the statistics catch up.
        _ = try replica.query("SELECT pg_wal_replay_resume()")
        #expect(try await waitFor(2) == 2)
    }
}
