/// Where the retention purge removes what has been kept long enough (the dispatcher's
/// `Retention` job and its `dispatcher purge` command).
public protocol RetentionStore: Sendable {
    /// Runs one purge with `periods` unless another instance runs one (then the report is
    /// `skipped`): callers of tickets closed before `caller` erased, technical records older
    /// than their period deleted.
    func purge(_ periods: RetentionPeriods) async throws -> RetentionReport
}
