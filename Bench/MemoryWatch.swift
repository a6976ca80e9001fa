import Foundation

/// Resident memory of the three services sampled every few seconds during the latency phase, to
/// show whether it levels off over a long steady run (issue 16: "RSS flat over a 5-minute run").
/// Growth over the first half is warm-up (caches, pools, allocator arenas); growth over the
/// second half is what a leak would show.
final class MemoryWatch: @unchecked Sendable {
    static let services = ["intake", "dispatcher", "notifier"]
    private let sampler: ProcessSampler
    private let every: Duration
    private let lock = NSLock()
    private var samples: [(seconds: Double, rss: [String: Double])] = []

    init(sampler: ProcessSampler, every: Duration = .seconds(10)) {
        self.sampler = sampler
        self.every = every
    }

    /// Samples until the task is cancelled, the first sample at once.
    func run() async {
        let start = ContinuousClock.now
        while !Task.isCancelled {
            let rss = self.sampler.sample().filter { Self.services.contains($0.key) }.mapValues(\.rssMiB)
            let elapsed = ContinuousClock.now - start
            self.lock.withLock { self.samples.append((Double(elapsed.components.seconds), rss)) }
            try? await Task.sleep(for: self.every)
        }
    }

    /// Per service: the samples (MiB), and the growth over the first and the second half of the run.
    var json: [String: Any] {
        let samples = self.lock.withLock { self.samples }
        guard samples.count >= 3 else { return [:] }
        let middle = samples.count / 2
        func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
        var out: [String: Any] = ["every_seconds": Double(self.every.components.seconds), "seconds": samples.map(\.seconds)]
        for name in Self.services {
            let series = samples.map { $0.rss[name] ?? 0 }
            out[name] = [
                "rss_mib": series.map(round),
                "growth_first_half_mib": round(series[middle] - series[0]),
                "growth_second_half_mib": round(series[series.count - 1] - series[middle]),
            ]
        }
        return out
    }

    func print() {
        guard let seconds = self.json["seconds"] as? [Double], let last = seconds.last else { return }
        Swift.print("\n== RSS over the latency phase (\(Int(last)) s, MiB): first half growth / second half growth ==")
        for name in Self.services {
            guard let figures = self.json[name] as? [String: Any], let series = figures["rss_mib"] as? [Double] else { continue }
            Swift.print(
                "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(series.first ?? 0) -> \(series.last ?? 0)   "
                    + "+\(figures["growth_first_half_mib"] ?? 0) / +\(figures["growth_second_half_mib"] ?? 0)"
            )
        }
    }
}
