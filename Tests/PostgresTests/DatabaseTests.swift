import Testing

/// Every test that talks to a server is nested here and run one at a time, so that the
/// throughput measurement is not skewed by the other tests.
@Suite(.serialized)
struct DatabaseTests {}
