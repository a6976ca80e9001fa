import Foundation

/// CPU seconds and resident memory of the stack's processes, read from /proc by their pid files.
struct ProcessSampler {
    let runDir: String
    static let names = ["intake", "dispatcher", "notifier", "postgres", "rabbitmq"]

    struct Sample: Codable {
        var cpuSeconds: Double
        var rssMiB: Double
    }

    func sample() -> [String: Sample] {
        var out: [String: Sample] = [:]
        for name in Self.names {
            guard let text = try? String(contentsOfFile: "\(self.runDir)/\(name).pid", encoding: .utf8),
                let pid = Int(text.split(separator: "\n").first ?? ""),
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            else { continue }
            // Fields after the command name (which may hold spaces): utime is 14th, stime 15th overall.
            let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
            let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
            let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
                .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            out[name] = Sample(cpuSeconds: ticks / 100, rssMiB: rss / 1024)
        }
        return out
    }
}
