import Postgres
import Testing

/// What a `PostgresError` says in logs and dead-letter reasons, and which ones are outages.
@Suite struct PostgresErrorTests {
    @Test func descriptionNamesTheConstraintButNeverTheRow() {
        let error = PostgresError(
            sqlState: "23505", message: "duplicate key value violates unique constraint \"tickets_caller_key\"",
            detail: "Key (caller_phone)=(13909351001) already exists.", constraint: "tickets_caller_key", table: "tickets", column: nil
        )
        #expect(error.description.contains("[23505]"))
        #expect(error.description.contains("constraint=tickets_caller_key"))
        #expect(error.description.contains("table=tickets"))
        #expect(!error.description.contains("13909351001"))
    }

    @Test func dataExceptionsDoNotQuoteTheInput() {
        let error = PostgresError(sqlState: "22P02", message: "invalid input syntax for type uuid: \"13909351001\"")
        #expect(!error.description.contains("13909351001"))
        #expect(error.description.contains("invalid input syntax for type uuid"))
    }

    @Test(arguments: ["25006", "53100", "53300", "40001", "40P01", "55P03", "57014", "57P01", "58030", "08006"])
    func outages(_ state: String) {
        #expect(PostgresError(sqlState: state, message: "x").isOutage)
    }

    @Test(arguments: ["23505", "23503", "22P02", "42P01", "P0001"])
    func notOutages(_ state: String) {
        #expect(!PostgresError(sqlState: state, message: "x").isOutage)
    }

    @Test func contentionIsNotAServerOutage() {
        #expect(!PostgresError(sqlState: "40001", message: "x").isServerOutage)
        #expect(!PostgresError(sqlState: "55P03", message: "x").isServerOutage)
        #expect(PostgresError(sqlState: "25006", message: "x").isServerOutage)
        #expect(PostgresError(sqlState: "53100", message: "x").isServerOutage)
    }
}
