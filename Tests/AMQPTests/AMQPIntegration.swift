import Testing

/// Every test that talks to the broker, run one at a time: one of them kills and restarts it.
@Suite(.serialized) struct AMQPIntegration {}
