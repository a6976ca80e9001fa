import Postgres

extension SealedRoot {
    /// The columns to select from `history_roots` for ``init(row:)``.
    static let columns = "day::text AS day, events, root"

    /// A root as selected with ``columns``.
    init(row: PostgresRow) throws {
        self.init(day: try row.decode("day", as: String.self), events: try row.decode("events", as: Int.self), root: try row.decode("root", as: String.self))
    }
}
