@testable import Postgres
import Testing

@Suite("PreparedStatements")
struct PreparedStatementsTests {
    @Test func aStatementIsPreparedOnceThenExecutedByName() {
        var statements = PreparedStatements(policy: PreparedStatementPolicy(maxExecutions: 100))
        let now = ContinuousClock.now
        #expect(statements.step(for: "SELECT 1", now: now) == .prepare(name: "hotline_1", replacing: nil))
        statements.prepared("SELECT 1", as: "hotline_1", at: now)
        #expect(statements.step(for: "SELECT 1", now: now) == .execute("hotline_1"))
        #expect(statements.step(for: " BEGIN", now: now) == .unnamed)
        #expect(statements.step(for: "SET x = 1", now: now) == .unnamed)
        #expect(statements.size == 1)
    }

    @Test func aStatementIsPreparedAfreshAfterItsExecutions() {
        var statements = PreparedStatements(policy: PreparedStatementPolicy(maxExecutions: 3))
        let now = ContinuousClock.now
        #expect(statements.step(for: "SELECT 1", now: now) == .prepare(name: "hotline_1", replacing: nil))
        statements.prepared("SELECT 1", as: "hotline_1", at: now)
        #expect(statements.step(for: "SELECT 1", now: now) == .execute("hotline_1"))
        #expect(statements.step(for: "SELECT 1", now: now) == .execute("hotline_1"))
        // The fourth call: three executions are the limit.
        #expect(statements.step(for: "SELECT 1", now: now) == .prepare(name: "hotline_2", replacing: "hotline_1"))
        statements.prepared("SELECT 1", as: "hotline_2", at: now)
        #expect(statements.step(for: "SELECT 1", now: now) == .execute("hotline_2"))
    }

    @Test func aStatementIsPreparedAfreshWhenOldAndMayGrowTwiceAsOldEachTime() {
        var statements = PreparedStatements(policy: PreparedStatementPolicy(firstAge: .seconds(60), maxAge: .seconds(100)))
        let start = ContinuousClock.now
        _ = statements.step(for: "SELECT 1", now: start)
        statements.prepared("SELECT 1", as: "hotline_1", at: start)
        #expect(statements.step(for: "SELECT 1", now: start + .seconds(59)) == .execute("hotline_1"))
        #expect(statements.step(for: "SELECT 1", now: start + .seconds(60)) == .prepare(name: "hotline_2", replacing: "hotline_1"))
        let second = start + .seconds(60)
        statements.prepared("SELECT 1", as: "hotline_2", at: second)
        // Twice 60 s, but no more than maxAge.
        #expect(statements.step(for: "SELECT 1", now: second + .seconds(99)) == .execute("hotline_2"))
        #expect(statements.step(for: "SELECT 1", now: second + .seconds(100)) == .prepare(name: "hotline_3", replacing: "hotline_2"))
        statements.prepared("SELECT 1", as: "hotline_3", at: second + .seconds(100))
        #expect(statements.step(for: "SELECT 1", now: second + .seconds(199)) == .execute("hotline_3"))
        // Another statement starts from firstAge.
        _ = statements.step(for: "SELECT 2", now: start)
        statements.prepared("SELECT 2", as: "hotline_4", at: start)
        #expect(statements.step(for: "SELECT 2", now: start + .seconds(60)) == .prepare(name: "hotline_5", replacing: "hotline_4"))
    }

    @Test func theCacheIsBounded() {
        var statements = PreparedStatements(policy: PreparedStatementPolicy())
        let now = ContinuousClock.now
        for index in 0..<PreparedStatements.capacity {
            let sql = "SELECT \(index)"
            guard case .prepare(let name, nil) = statements.step(for: sql, now: now) else {
                Issue.record("statement \(index) not prepared")
                return
            }
            statements.prepared(sql, as: name, at: now)
        }
        #expect(statements.step(for: "SELECT 'one too many'", now: now) == .unnamed)
        #expect(statements.step(for: "SELECT 0", now: now) == .execute("hotline_1"))
    }
}
