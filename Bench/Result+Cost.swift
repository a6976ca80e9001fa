import Foundation

/// The figures of CONTRACTS.md section 13 that say what a ticket costs and how fast the loop
/// closes: `cpu_seconds_per_1000_tickets` (every process of the stack and the benchmark's own,
/// over both measured phases, after the last ticket was routed and rated) with its split by
/// process, and `p99_resolve_to_rating_sms_ms` (at the latency phase's rate).
extension Result {
    /// CPU seconds of each sampled process between the first and the last sample (utime + stime
    /// from /proc/<pid>/stat, PostgreSQL's backends and reaped children included).
    var cpuSecondsByProcess: [String: Double] {
        let (before, after) = (self.cpu.first ?? [:], self.cpu.last ?? [:])
        var out: [String: Double] = [:]
        for (name, last) in after {
            out[name] = max(0, last.cpuSeconds - (before[name]?.cpuSeconds ?? last.cpuSeconds))
        }
        return out
    }

    /// Tickets posted in the measured phases.
    var measuredTickets: Int { self.latency.posted + self.flat.posted }

    var costFigures: [String: Any] {
        func per1000(_ seconds: Double) -> Double { (seconds / Double(max(1, self.measuredTickets)) * 1000 * 100).rounded() / 100 }
        let byProcess = self.cpuSecondsByProcess
        return [
            "cpu_seconds_per_1000_tickets": per1000(byProcess.values.reduce(0, +)),
            "cpu_seconds_per_1000_tickets_by_process": byProcess.mapValues(per1000),
            "p99_resolve_to_rating_sms_ms": Percentiles(self.latency.resolveToRatingSMS).p99,
            "resolve_to_rating_sms_missing": self.ratingRequestsMissing,
        ]
    }

    func printCost() {
        let figures = self.costFigures
        Swift.print("\n== cost and closing the loop ==")
        Swift.print("  CPU seconds per 1,000 tickets, all processes: \(figures["cpu_seconds_per_1000_tickets"] ?? 0) (\(self.measuredTickets) tickets)")
        Swift.print(
            "  resolve -> rating-request SMS at \(Int(self.latencyRate)) tickets/s: p99 \(figures["p99_resolve_to_rating_sms_ms"] ?? 0) ms"
                + (self.ratingRequestsMissing > 0 ? " (\(self.ratingRequestsMissing) resolves never got one)" : "")
        )
    }
}
