import HotlineDomain
import Testing

@Suite struct TraceContextTests {
    @Test func parsesAValidHeaderAndRefusesBadOnes() {
        let header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        #expect(TraceContext(traceparent: header)?.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        for bad in ["", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-xyz-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"] {
            #expect(TraceContext(traceparent: bad) == nil, "\(bad)")
        }
    }

    @Test func eachHopKeepsTheTraceWithANewSpan() throws {
        let trace = TraceContext.random()
        let first = try #require(TraceContext(traceparent: trace.traceparent()))
        #expect(first.traceId == trace.traceId)
        #expect(trace.traceparent() != trace.traceparent())
        #expect(TraceContext(traceId: trace.traceId) == trace)
    }
}
