/// How PostgreSQL plans one prepared statement on its calls (its `plan_cache_mode` while the
/// statement runs).
///
/// PostgreSQL plans a prepared statement anew for its parameters ("custom" plans) until it finds
/// a plan made without them ("generic") no more expensive by its own estimate. Statements over
/// parameter arrays (`unnest($1::text[])`, `= ANY($1)`) and partitioned tables never pass that
/// test: they are planned on every call, which cost more than running them. ``generic`` plans
/// such a statement once per preparation (and ``PreparedStatementPolicy`` prepares it afresh now
/// and then, so a plan made while the tables were empty does not stay).
///
/// Keep ``automatic`` for a statement whose best plan depends on its parameters' values: a
/// partial index whose predicate the parameters must match (`WHERE status = $1` against an index
/// `WHERE status IN (...)`), a filter that may be switched off (`$1 IS NULL OR column = $1`), or
/// a skewed column. Check a statement's generic plan before marking it (docs/benchmark.md).
public enum PostgresPlanMode: Sendable {
    /// PostgreSQL's own choice (`plan_cache_mode = auto`): custom plans while they look cheaper.
    case automatic
    /// One plan for every call (`plan_cache_mode = force_generic_plan`).
    case generic

    /// The `plan_cache_mode` setting that gives this mode.
    var setting: String {
        switch self {
        case .automatic: "auto"
        case .generic: "force_generic_plan"
        }
    }
}
