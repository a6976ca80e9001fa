/// The statements prepared on one session, by SQL text: their server-side names, and when each
/// is due to be prepared afresh (``PreparedStatementPolicy``). Pure bookkeeping;
/// ``PostgresConnection`` does the preparing.
struct PreparedStatements {
    /// What to do with a statement's call.
    enum Step: Equatable {
        /// Execute the statement prepared as `name`.
        case execute(String)
        /// Deallocate `replacing` (when given), prepare the statement as `name`, record it with
        /// ``prepared(_:as:at:)``, then execute it.
        case prepare(name: String, replacing: String?)
        /// Run it unnamed: not preparable, or the cache is full.
        case unnamed
    }

    private struct Entry {
        let name: String
        var executions: Int
        let preparedAt: ContinuousClock.Instant
        /// The age at which it is prepared afresh.
        let ageLimit: Duration
    }

    /// Bounds the cache, so that SQL assembled at run time cannot grow it without end.
    static let capacity = 200

    let policy: PreparedStatementPolicy
    private var entries: [String: Entry] = [:]
    /// The age limit of a statement's next preparation, once it has been prepared afresh.
    private var nextAgeLimits: [String: Duration] = [:]
    /// Numbers the names, never reusing one: a statement dropped from the cache stays on the server.
    private var count = 0

    init(policy: PreparedStatementPolicy) {
        self.policy = policy
    }

    /// How many statements are prepared.
    var size: Int { self.entries.count }

    /// The step for one call of `sql` at `now`; counts the call when the statement is executed
    /// by name.
    mutating func step(for sql: String, now: ContinuousClock.Instant) -> Step {
        if let entry = self.entries[sql] {
            guard entry.executions >= self.policy.maxExecutions || now - entry.preparedAt >= entry.ageLimit else {
                self.entries[sql]?.executions += 1
                return .execute(entry.name)
            }
            self.entries[sql] = nil
            self.nextAgeLimits[sql] = min(entry.ageLimit * 2, self.policy.maxAge)
            return .prepare(name: self.nextName(), replacing: entry.name)
        }
        guard self.entries.count < Self.capacity, Self.isPreparable(sql) else { return .unnamed }
        return .prepare(name: self.nextName(), replacing: nil)
    }

    /// Records `sql` as prepared under `name` at `now`, with this call counted.
    mutating func prepared(_ sql: String, as name: String, at now: ContinuousClock.Instant) {
        let ageLimit = self.nextAgeLimits[sql] ?? self.policy.firstAge
        self.entries[sql] = Entry(name: name, executions: 1, preparedAt: now, ageLimit: ageLimit)
    }

    /// Forgets every statement (a new session, or one whose statements must be prepared afresh).
    mutating func removeAll() {
        self.entries.removeAll()
        self.nextAgeLimits.removeAll()
    }

    private mutating func nextName() -> String {
        self.count += 1
        return "hotline_\(self.count)"
    }

    /// Plannable statements only: transaction control, `SAVEPOINT`, `SET` and the like run unnamed.
    static func isPreparable(_ sql: String) -> Bool {
        let head = sql.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }.prefix(6)
        let word = String(decoding: head, as: UTF8.self).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE"].contains(word) || word.hasPrefix("WITH")
    }
}
