import Foundation

/// CPU seconds and resident memory of the stack's processes, read from /proc by their pid files.
/// PostgreSQL's figure includes its backends (the postmaster's children), where its work is
/// done, those still running and those that have exited (the postmaster reaps them, so their time
/// is its `cutime` + `cstime`); `bench` is the load generator itself.
struct ProcessSampler {
    let runDir: String
    static let names = ["intake", "dispatcher", "notifier", "postgres", "rabbitmq"]

    struct Sample: Codable {
        var cpuSeconds: Double
        var rssMiB: Double
    }

    func sample() -> [String: Sample] {
        var out: [String: Sample] = [:]
        let children = Self.childrenByParent()
        for name in Self.names {
            guard let text = try? String(contentsOfFile: "\(self.runDir)/\(name).pid", encoding: .utf8),
                let pid = Int(text.split(separator: "\n").first ?? ""),
                var sample = Self.read(pid)
            else { continue }
            if name == "postgres" {
                for child in children[pid] ?? [] { sample.cpuSeconds += Self.read(child)?.cpuSeconds ?? 0 }
            }
            out[name] = sample
        }
        out["bench"] = Self.read(Int(getpid()))
        return out
    }

    /// utime + stime (with those of its reaped children) and VmRSS of one process.
    private static func read(_ pid: Int) -> Sample? {
        guard let (ticks, _) = self.stat(pid),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        else { return nil }
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return Sample(cpuSeconds: ticks / 100, rssMiB: rss / 1024)
    }

    /// CPU ticks (utime + stime + cutime + cstime: its own and its waited-for children's) and
    /// parent pid from /proc/<pid>/stat.
    private static func stat(_ pid: Int) -> (ticks: Double, parent: Int)? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may hold spaces): ppid is 4th, utime 14th, stime
        // 15th, cutime 16th, cstime 17th overall.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 14 else { return nil }
        let ticks = fields[11...14].reduce(0) { $0 + (Double($1) ?? 0) }
        return (ticks, Int(fields[1]) ?? 0)
    }

    private static func childrenByParent() -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int(entry), let (_, parent) = self.stat(pid) else { continue }
            out[parent, default: []].append(pid)
        }
        return out
    }
}
