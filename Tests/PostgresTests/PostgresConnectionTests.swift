import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("PostgresConnection")
    struct PostgresConnectionTests {
        @Test func everyParameterTypeRoundTrips() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url(), applicationName: "postgres-tests")
            let text = "你好，世界 🌏 O'Reilly \"quoted\" \\backslash; DROP TABLE x; --"
            let strings = ["a,b", "with \"quote\"", "back\\slash", "{brace}", "", "NULL", " spaced ", "中文", "it's"]
            let date = Date(timeIntervalSince1970: 1_714_564_800.123456)
            let id = UUID()
            let bytes = Data((0...255).map { UInt8($0) })
            let rows = try connection.query(
                """
                SELECT $1::text AS text, $2::bigint AS int, $3::integer AS int32, $4::bigint AS int64,
                       $5::float8 AS double, $6::boolean AS bool, $7::timestamptz AS date, $8::uuid AS uuid,
                       $9::bytea AS bytes, $10::text[] AS strings, $11::bigint[] AS int64s, $12::int8[] AS ints,
                       $13::text AS null_text, $14::text[] AS maybe_strings, $15::float8 AS infinity,
                       $7::timestamptz = '2024-05-01 12:00:00.123456+00' AS date_matches,
                       array_length($10::text[], 1) AS strings_count, $10::text[] @> ARRAY['NULL'] AS has_null_word,
                       current_setting('application_name') AS application_name
                """,
                [
                    text, Int.max, Int32.min, Int64(-42), 0.1, true, date, id, bytes, strings, [Int64(1), -2, 3], [Int](),
                    nil, ["x", nil, "NULL"] as [String?], Double.infinity,
                ]
            )
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(rows.columns.first == "text")
            #expect(try row.decode("text", as: String.self) == text)
            #expect(try row.decode("int", as: Int.self) == Int.max)
            #expect(try row.decode("int32", as: Int32.self) == Int32.min)
            #expect(try row.decode("int64", as: Int64.self) == -42)
            #expect(try row.decode("double", as: Double.self) == 0.1)
            #expect(try row.decode("bool", as: Bool.self))
            #expect(try row.decode("date", as: Date.self).postgresText == date.postgresText)
            #expect(try row.decode("date_matches", as: Bool.self))
            #expect(try row.decode("uuid", as: UUID.self) == id)
            #expect(try row.decode("bytes", as: Data.self) == bytes)
            #expect(try row.decode("strings", as: [String].self) == strings)
            #expect(try row.decode("strings_count", as: Int.self) == strings.count)
            #expect(try row.decode("has_null_word", as: Bool.self))
            #expect(try row.decode("int64s", as: [Int64].self) == [1, -2, 3])
            #expect(try row.decode("ints", as: [Int].self) == [])
            #expect(try row.decode("null_text", as: String?.self) == nil)
            #expect(row.isNull("null_text") && row["null_text"] == nil)
            #expect(try row.decode("maybe_strings", as: [String?].self) == ["x", nil, "NULL"])
            #expect(try row.decode("infinity", as: Double.self) == .infinity)
            #expect(row["application_name"] == "postgres-tests")
        }

        @Test func valuesSurviveATableRoundTrip() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            try connection.execute("CREATE TEMP TABLE things (id serial PRIMARY KEY, name text, tags text[], seen timestamptz)")
            let names: [String?] = ["一二三", nil, "'; SELECT 1; --"]
            for name in names {
                let inserted = try connection.query(
                    "INSERT INTO things (name, tags, seen) VALUES ($1, $2, $3)",
                    [name, ["a,b", "c\"d"], Date(timeIntervalSince1970: 86_400.000_001)]
                )
                #expect(inserted.affectedRows == 1)
            }
            let rows = try connection.query("SELECT name, tags, seen FROM things ORDER BY id")
            #expect(try rows.map { try $0.decode("name", as: String?.self) } == names)
            #expect(try rows[0].decode("tags", as: [String].self) == ["a,b", "c\"d"])
            #expect(rows[0]["seen"] == "1970-01-02 00:00:00.000001+00")
            let updated = try connection.query("UPDATE things SET name = $1 WHERE name IS NULL", ["filled"])
            #expect(updated.affectedRows == 1)
        }

        @Test func decodingNullIntoNonOptionalNamesTheColumn() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            let row = try #require(try connection.query("SELECT NULL::text AS nickname, 'x' AS word").first)
            let error = try #require(thrownError(PostgresError.self) { _ = try row.decode("nickname", as: String.self) })
            #expect(error.message.contains("nickname"))
            #expect(error.description.contains("NULL"))
            #expect(try row.decode("nickname", as: String?.self) == nil)
            let optional: String? = try row.decode("nickname")
            #expect(optional == nil)
            #expect(try row.optional("word", as: String.self) == "x")
            let missing = try #require(thrownError(PostgresError.self) { _ = try row.decode("nope", as: String.self) })
            #expect(missing.message.contains("nope"))
            let wrongType = try #require(thrownError(PostgresError.self) { _ = try row.decode("word", as: Int.self) })
            #expect(wrongType.message.contains("word"))
        }

        @Test func uniqueViolationCarriesSQLState() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            try connection.execute("CREATE TEMP TABLE users (email text UNIQUE)")
            try connection.query("INSERT INTO users VALUES ($1)", ["a@example.org"])
            let error = try #require(thrownError(PostgresError.self) {
                try connection.query("INSERT INTO users VALUES ($1)", ["a@example.org"])
            })
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(!error.isConnectionError)
            #expect(error.detail?.contains("a@example.org") == true)
            let syntax = try #require(thrownError(PostgresError.self) { try connection.query("SELEC 1") })
            #expect(syntax.sqlState == "42601")
            #expect(try connection.query("SELECT 1 AS one").first?.decode("one", as: Int.self) == 1)
        }

        @Test func transactionRollsBackOnThrownError() throws {
            struct Boom: Error {}
            let connection = try PostgresConnection(url: try TestDatabase.url())
            try connection.execute("CREATE TEMP TABLE ledger (amount int)")
            #expect(throws: Boom.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO ledger VALUES ($1)", [10])
                    throw Boom()
                }
            }
            let kept = try connection.transaction { connection in
                try connection.query("INSERT INTO ledger VALUES ($1)", [5])
                return try connection.query("SELECT count(*) AS n FROM ledger")[0].decode("n", as: Int.self)
            }
            #expect(kept == 1)
            // A failed statement whose error the body swallowed must not look like a commit.
            let error = try #require(thrownError(PostgresError.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO ledger VALUES ($1)", [7])
                    _ = try? connection.query("SELECT 1/0")
                }
            })
            #expect(error.sqlState == "25P02")
            #expect(try connection.query("SELECT sum(amount) AS s FROM ledger")[0].decode("s", as: Int.self) == 5)
        }

        @Test func statementsArePreparedOncePerSession() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            let sql = "SELECT $1::int + 1 AS n"
            for value in 0..<3 {
                #expect(try connection.query(sql, [value])[0].decode("n", as: Int.self) == value + 1)
            }
            let count = "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1"
            #expect(try connection.query(count, [sql])[0].decode("n", as: Int.self) == 1)
            // Transaction control runs unnamed.
            try connection.query("BEGIN")
            try connection.query("COMMIT")
            #expect(try connection.query(count, ["BEGIN"])[0].decode("n", as: Int.self) == 0)
        }

        @Test func aTableChangedUnderAPreparedStatementFailsOnceThenWorks() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            try connection.execute("CREATE TEMP TABLE shapes (id int)")
            try connection.query("INSERT INTO shapes VALUES ($1)", [1])
            #expect(try connection.query("SELECT * FROM shapes").columns == ["id"])
            try connection.execute("ALTER TABLE shapes ADD COLUMN name text")
            let error = try #require(thrownError(PostgresError.self) { try connection.query("SELECT * FROM shapes") })
            #expect(error.sqlState == "0A000")
            #expect(try connection.query("SELECT * FROM shapes").columns == ["id", "name"])
        }

        @Test func multiStatementScriptsRunThroughExecute() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            try connection.execute("CREATE TEMP TABLE a (x int); INSERT INTO a VALUES (1), (2); CREATE TEMP TABLE b (y int)")
            #expect(try connection.query("SELECT count(*) AS n FROM a")[0].decode("n", as: Int.self) == 2)
            #expect(try connection.query("SELECT current_setting('TimeZone') AS tz")[0]["tz"] == "UTC")
        }

        @Test func unreachableServerIsAConnectionError() throws {
            let error = try #require(thrownError(PostgresError.self) {
                _ = try PostgresConnection(url: "postgres://nobody@127.0.0.1:1/none")
            })
            #expect(error.isConnectionError)
        }

        @Test func closedConnectionThrowsConnectionErrorUntilReconnected() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            connection.close()
            #expect(!connection.isConnected)
            let error = try #require(thrownError(PostgresError.self) { try connection.query("SELECT 1") })
            #expect(error.isConnectionError)
            try connection.reconnect()
            #expect(connection.isConnected)
            #expect(try connection.query("SELECT 1").count == 1)
        }

        @Test func terminatedBackendIsAConnectionError() throws {
            let connection = try PostgresConnection(url: try TestDatabase.url())
            let killer = try PostgresConnection(url: try TestDatabase.url())
            let pid = try connection.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            try killer.query("SELECT pg_terminate_backend($1)", [pid])
            let error = try #require(thrownError(PostgresError.self) { try connection.query("SELECT 1") })
            #expect(error.isConnectionError)
            #expect(!connection.isConnected)
        }
    }
}
