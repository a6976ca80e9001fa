import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// Generic plans where asked, PostgreSQL's choice elsewhere, and statements prepared afresh,
    /// read from the server's own tally (`pg_prepared_statements`, PostgreSQL 14+).
    @Suite("PostgresPlanMode")
    struct PostgresPlanModeTests {
        /// This session's prepared statement for `sql`: its name and plan counts.
        private func tally(_ sql: String, on connection: PostgresConnection) throws -> [(name: String, generic: Int, custom: Int)] {
            try connection.query(
                "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1", [sql]
            ).map { row in
                (try row.decode("name", as: String.self), try row.decode("generic_plans", as: Int.self), try row.decode("custom_plans", as: Int.self))
            }
        }

        @Test func genericStatementsKeepOnePlanAndTheOthersKeepCustomPlans() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url(), preparing: PreparedStatementPolicy(genericPlans: true))
            let generic = "SELECT count(*) AS n FROM generate_series(1, $1::int) AS g(i) WHERE i > $2::int"
            let automatic = "SELECT count(*) AS n FROM generate_series(1, $1::int) AS g(i) WHERE i < $2::int"
            for round in 0..<3 {
                #expect(try connection.query(generic, [10, round], plan: .generic)[0].decode("n", as: Int.self) == 10 - round)
                // PostgreSQL plans the first five calls of a statement for their parameters.
                #expect(try connection.query(automatic, [10, round])[0].decode("n", as: Int.self) == max(round - 1, 0))
            }
            // A rollback undoes a `SET plan_cache_mode` made inside the transaction: the next
            // generic statement must set it again.
            try connection.transaction { connection in
                try connection.query(generic, [10, 0], plan: .generic)
                try connection.execute("ROLLBACK")
                try connection.execute("BEGIN")
            }
            try connection.query(generic, [10, 0], plan: .generic)
            try connection.query(automatic, [10, 0])
            #expect(throws: CancellationError.self) {
                try connection.transaction { connection in
                    try connection.query(generic, [10, 0], plan: .generic)
                    throw CancellationError()
                }
            }
            try connection.query(generic, [10, 0], plan: .generic)
            let genericTally = try #require(try self.tally(generic, on: connection).first)
            #expect(genericTally.generic == 7 && genericTally.custom == 0)
            let automaticTally = try #require(try self.tally(automatic, on: connection).first)
            #expect(automaticTally.custom == 4 && automaticTally.generic == 0)
            // The statement above ran in the session's own mode again.
            #expect(try connection.query("SELECT current_setting('plan_cache_mode') AS mode")[0].decode("mode", as: String.self) == "auto")
        }

        @Test func genericPlansCanBeSwitchedOff() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url(), preparing: PreparedStatementPolicy(genericPlans: false))
            let sql = "SELECT $1::int + 1 AS n"
            for _ in 0..<3 { try connection.query(sql, [1], plan: .generic) }
            let tally = try #require(try self.tally(sql, on: connection).first)
            #expect(tally.custom == 3 && tally.generic == 0)
        }

        @Test func aStatementIsPreparedAfreshAfterItsExecutions() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url(), preparing: PreparedStatementPolicy(maxExecutions: 4))
            let sql = "SELECT $1::int * 2 AS n"
            for value in 1...4 { #expect(try connection.query(sql, [value], plan: .generic)[0].decode("n", as: Int.self) == 2 * value) }
            let first = try #require(try self.tally(sql, on: connection).first)
            #expect(first.generic == 4)
            try connection.query(sql, [5], plan: .generic)
            // One statement on the server, under a new name, with only the last call's plan.
            let tallies = try self.tally(sql, on: connection)
            #expect(tallies.count == 1)
            #expect(tallies.first?.name != first.name)
            #expect(tallies.first?.generic == 1)
        }

        @Test func aStatementIsPreparedAfreshAfterItsAge() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url(), preparing: PreparedStatementPolicy(firstAge: .milliseconds(200)))
            let sql = "SELECT $1::int * 3 AS n"
            try connection.query(sql, [1], plan: .generic)
            let first = try #require(try self.tally(sql, on: connection).first)
            try connection.query(sql, [1], plan: .generic)
            #expect(try self.tally(sql, on: connection).first?.name == first.name)
            Thread.sleep(forTimeInterval: 0.3)
            try connection.query(sql, [1], plan: .generic)
            let tallies = try self.tally(sql, on: connection)
            #expect(tallies.count == 1 && tallies.first?.name != first.name)
        }
    }
}
