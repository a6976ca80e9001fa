extension Bench {
    /// Waits until every resolve the department simulator sent has its rating-request SMS, or
    /// `seconds` pass, so that `p99_resolve_to_rating_sms_ms` counts the slow ones too (a summary
    /// taken earlier would keep only those that were fast enough to arrive). Returns the resolves
    /// still without one.
    static func drainRatings(_ recorder: Recorder, seconds: Double) async throws -> Int {
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < end {
            let (resolved, rated) = recorder.ratingProgress()
            if rated >= resolved { return 0 }
            try await Task.sleep(for: .milliseconds(100))
        }
        let (resolved, rated) = recorder.ratingProgress()
        return resolved - rated
    }
}
