import Foundation
import Histogram

/// What `make bench` reports, as printed and as `bench/results/latest.json`.
struct Result {
    var throughput: Double
    var latency: Recorder.Summary
    var flat: Recorder.Summary
    var latencyRate: Double
    var pgCeiling: Double
    var amqpCeiling: Double
    var commitsPerTicket: Double
    var messagesPerTicket: Double
    var ceiling: Double
    /// Samples before the latency phase, between the phases and after the throughput phase.
    var cpu: [[String: ProcessSampler.Sample]]
    var flatSeconds: Double
    /// Resolves of the latency phase whose rating-request SMS never reached the sink.
    var ratingRequestsMissing = 0
    /// Row versions and index entries per ticket, the fill and the rate after it (issue 16).
    var storage = StorageFigures()
    /// The services' RSS sampled over the latency phase.
    var memory: MemoryWatch?

    var machine: [String: Any] {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) }
        return [
            "cores": ProcessInfo.processInfo.activeProcessorCount,
            "memory_gib": (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
            "cpu": cpu ?? "unknown", "os": ProcessInfo.processInfo.operatingSystemVersionString,
            "note": "everything on this machine: PostgreSQL, RabbitMQ, the three services (debug or release as built) and the load generator",
        ]
    }

    func percentiles(_ h: Histogram<UInt64>) -> [String: Any] {
        let p = Percentiles(h)
        return ["count": p.count, "p50_ms": p.p50, "p90_ms": p.p90, "p99_ms": p.p99, "max_ms": p.max]
    }

    /// Per process: CPU seconds of each phase and per 1,000 tickets posted in it (less sensitive
    /// to other load on the machine than rates are), and RSS before and after the run.
    var processes: [String: Any] {
        var out: [String: Any] = [:]
        let (before, between, after) = (self.cpu[0], self.cpu[1], self.cpu[2])
        func round(_ value: Double, _ places: Double = 100) -> Double { (value * places).rounded() / places }
        for (name, last) in after {
            let latency = (between[name]?.cpuSeconds ?? 0) - (before[name]?.cpuSeconds ?? 0)
            let flat = last.cpuSeconds - (between[name]?.cpuSeconds ?? 0)
            out[name] = [
                "cpu_seconds": round(latency + flat),
                // Over the whole run, after the last ticket was routed: the work each ticket costs,
                // whichever phase it was done in (a backlog of one phase is worked off in the next).
                "cpu_seconds_per_1000_tickets": round((latency + flat) / Double(max(1, self.latency.posted + self.flat.posted)) * 1000),
                "latency_phase_cpu_seconds": round(latency),
                "latency_phase_cpu_seconds_per_1000_tickets": round(latency / Double(max(1, self.latency.posted)) * 1000),
                "throughput_phase_cpu_seconds": round(flat),
                "throughput_phase_cpu_seconds_per_1000_tickets": round(flat / Double(max(1, self.flat.posted)) * 1000),
                "rss_mib_before": round(before[name]?.rssMiB ?? 0, 10), "rss_mib_after": round(last.rssMiB, 10),
            ]
        }
        return out
    }

    var json: [String: Any] {
        [
            "date": ISO8601DateFormatter().string(from: Date()),
            "throughput_tickets_per_s": (self.throughput * 10).rounded() / 10,
            "p99_intake_to_queue_ms": Percentiles(self.latency.intakeToQueue).p99,
            "p99_intake_to_sms_ms": Percentiles(self.latency.intakeToSMS).p99,
            "ceiling_tickets_per_s": (self.ceiling * 10).rounded() / 10,
            "ceiling_fraction": (self.throughput / max(self.ceiling, 1) * 1000).rounded() / 1000,
            "machine": self.machine,
            "latency_phase": [
                "rate_tickets_per_s": self.latencyRate, "posted": self.latency.posted, "http_errors": self.latency.httpErrors,
                "intake_http": self.percentiles(self.latency.intakeHTTP),
                "intake_to_queue": self.percentiles(self.latency.intakeToQueue),
                "intake_to_sms": self.percentiles(self.latency.intakeToSMS),
                "resolve_to_rating_sms": self.percentiles(self.latency.resolveToRatingSMS),
            ],
            "throughput_phase": [
                "seconds": (self.flatSeconds * 10).rounded() / 10, "posted": self.flat.posted, "tasks": self.flat.tasks,
                "receipts": self.flat.receipts, "tickets_with_duplicate_receipts": self.flat.duplicateReceipts,
                "http_errors": self.flat.httpErrors, "intake_http": self.percentiles(self.flat.intakeHTTP),
                "intake_to_queue": self.percentiles(self.flat.intakeToQueue), "intake_to_sms": self.percentiles(self.flat.intakeToSMS),
            ],
            "ceiling": [
                "postgres_commits_per_s": self.pgCeiling.rounded(), "rabbitmq_confirmed_publishes_per_s": self.amqpCeiling.rounded(),
                "commits_per_ticket": (self.commitsPerTicket * 100).rounded() / 100,
                "messages_per_ticket": (self.messagesPerTicket * 100).rounded() / 100,
            ],
            "processes": self.processes,
            "rss_over_latency_phase": self.memory?.json ?? [:],
        ].merging(self.costFigures) { current, _ in current }
            .merging(self.storage.json) { $1 }
    }

    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: self.json, options: [.prettyPrinted, .sortedKeys])
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        try data.write(to: URL(fileURLWithPath: "\(folder)/latest.json"))
        try data.write(to: URL(fileURLWithPath: "\(folder)/\(stamp).json"))
        let svg = LatencyPlot.svg(
            [
                ("intake HTTP", self.latency.intakeHTTP), ("intake → queue", self.latency.intakeToQueue),
                ("intake → SMS", self.latency.intakeToSMS), ("resolve → rating SMS", self.latency.resolveToRatingSMS),
            ],
            title: "Latency at \(Int(self.latencyRate)) tickets/s (percentile, log scale)"
        )
        try svg.write(toFile: "\(folder)/latest.svg", atomically: true, encoding: .utf8)
    }

    func print() {
        func line(_ name: String, _ h: Histogram<UInt64>) {
            let p = Percentiles(h)
            Swift.print("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) n=\(p.count)  p50 \(p.p50) ms  p90 \(p.p90) ms  p99 \(p.p99) ms  max \(p.max) ms")
        }
        Swift.print("\n== latency at \(Int(self.latencyRate)) tickets/s ==")
        line("intake HTTP", self.latency.intakeHTTP)
        line("intake -> department queue", self.latency.intakeToQueue)
        line("intake -> receipt SMS", self.latency.intakeToSMS)
        line("resolve -> rating SMS", self.latency.resolveToRatingSMS)
        Swift.print("\n== throughput (flat out) ==")
        Swift.print("  posted \(self.flat.posted), tasks \(self.flat.tasks), receipts \(self.flat.receipts), HTTP errors \(self.flat.httpErrors), tickets with >1 receipt \(self.flat.duplicateReceipts)")
        Swift.print("  sustained end to end: \(Int(self.throughput)) tickets/s over \(String(format: "%.1f", self.flatSeconds)) s")
        line("intake HTTP", self.flat.intakeHTTP)
        line("intake -> receipt SMS", self.flat.intakeToSMS)
        Swift.print("\n== ceiling ==")
        Swift.print("  PostgreSQL \(Int(self.pgCeiling)) commits/s; system uses \(String(format: "%.2f", self.commitsPerTicket)) commits/ticket")
        Swift.print("  RabbitMQ \(Int(self.amqpCeiling)) confirmed publishes/s; system uses \(String(format: "%.2f", self.messagesPerTicket)) messages/ticket")
        Swift.print("  ceiling \(Int(self.ceiling)) tickets/s; system at \(String(format: "%.1f", self.throughput / max(self.ceiling, 1) * 100)) % of it")
        Swift.print("\n== processes: CPU seconds per 1,000 tickets (whole run; latency phase / throughput phase), RSS MiB before -> after ==")
        for (name, value) in self.processes.sorted(by: { $0.key < $1.key }) {
            guard let value = value as? [String: Double] else { continue }
            Swift.print(
                "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(value["cpu_seconds_per_1000_tickets"] ?? 0) s; \(value["latency_phase_cpu_seconds_per_1000_tickets"] ?? 0) / "
                    + "\(value["throughput_phase_cpu_seconds_per_1000_tickets"] ?? 0) s   RSS \(value["rss_mib_before"] ?? 0) -> \(value["rss_mib_after"] ?? 0)"
            )
        }
        self.printCost()
    }
}
