import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
import TestSupport
#endif

/// Notifier tests that replace the running notifier, so they run with the other `Failure`
/// suites: last and alone (`make test`).
@Suite(.serialized) struct NotifierFailureTests {
    /// QUIET_HOURS end to end: the notifier is restarted with a window that covers now and ends
    /// a few seconds later (the `HH:MM:SS` form of the setting). A resident's receipt is planned
    /// for the window's end and nothing reaches the gateway before it; a 三重 ticket's messages
    /// and the staff alerts go at once; when the window ends the receipt goes out.
    @Test func quietHoursDeferAndRelease() async throws {
        let notifier = try NotifierHarness.load()
        let restart = try NotifierRestart(stack: notifier.stack)
        let zone = TimeZone(identifier: restart.environment["TZ"].flatMap { $0.isEmpty ? nil : $0 } ?? "Asia/Shanghai")!
        let windowEnd = Date().addingTimeInterval(8)
        let quiet = "\(Self.clock(Date().addingTimeInterval(-120), zone))-\(Self.clock(windowEnd, zone))"
        try await restart.replace(with: ["QUIET_HOURS": quiet])
        do {
            let before = try await notifier.metric("hotline_sms_deferred_total{reason=\"quiet_hours\"}")
            let (resident, urgentCaller) = (NotifierHarness.uniquePhone(), NotifierHarness.uniquePhone())
            let (id, _) = try await notifier.assignedTicket(phone: resident)
            let (_, majorNumber) = try await notifier.assignedTicket(phone: urgentCaller, extra: ["major": "dispute"])

            // The 三重 ticket is not held: its caller and the secretary hear at once.
            let urgent = try await notifier.waitForAttempts(urgentCaller, seconds: 5) { $0.count >= 2 }
            #expect(urgent.count == 2 && urgent.allSatisfy { ($0["at"] as? Double ?? .infinity) < windowEnd.timeIntervalSince1970 })
            #expect(try await notifier.stack.waitForSMS(count: 2, seconds: 5) {
                $0["ticketNumber"] as? String == majorNumber && $0["kind"] as? String == "secretary_alert"
            }.count == 2)

            // The resident's messages wait for the end of the window.
            let rows = try notifier.notifications(ticket: id)
            #expect(rows.count == 2 && rows.allSatisfy { $0["deferred_reason"] == "quiet_hours" && $0["status"] == "pending" })
            let releaseAt = rows.compactMap { Double($0["not_before"] ?? "") }.min() ?? 0
            #expect(abs(releaseAt - windowEnd.timeIntervalSince1970) < 1.5, "released at the window's end")
            #expect(try await notifier.metric("hotline_sms_deferred_total{reason=\"quiet_hours\"}") >= before + 2)
            #expect(try await notifier.attempts(resident).isEmpty)

            // ... and go out when it ends.
            let sent = try await notifier.waitForAttempts(resident, seconds: 20) { $0.count >= 2 }
            #expect(Set(sent.compactMap { $0["kind"] as? String }) == ["receipt", "assigned"])
            let first = sent.compactMap { $0["at"] as? Double }.min() ?? 0
            print("quiet hours: rows released at the window end (whole second, \(String(format: "%.2f", windowEnd.timeIntervalSince1970 - releaseAt)) s before the requested instant); first send \(String(format: "%.2f", first - releaseAt)) s after the release")
            #expect(first >= releaseAt - 0.05 && first < releaseAt + 2)
        } catch {
            try await restart.restore()
            throw error
        }
        try await restart.restore()
    }

    /// `HH:MM:SS` in `zone`.
    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

/// Replaces the stack's running notifier with the same binary and environment plus some
/// overrides, and puts the original configuration back afterwards; the pid file stays
/// accurate, so the stack script keeps managing whichever runs.
struct NotifierRestart: Sendable {
    let stack: Stack
    let executable: String
    let environment: [String: String]
    let runDir: String

    init(stack: Stack) throws {
        self.stack = stack
        let pid = try stack.pid("notifier")
        self.executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        self.environment = NotifierHarness.environment(ofProcess: pid)
        self.runDir = stack.env["RUN_DIR"] ?? stack.root.appendingPathComponent(".run").path
    }

    /// Stops the running notifier and starts one with `overrides` added to its environment.
    func replace(with overrides: [String: String]) async throws {
        try await self.stop()
        try await self.start(self.environment.merging(overrides) { $1 })
    }

    /// Stops the replacement and starts the notifier as it was.
    func restore() async throws {
        try await self.stop()
        try await self.start(self.environment)
    }

    private func stop() async throws {
        let pid = try self.stack.pid("notifier")
        kill(pid, SIGTERM)
        var status: Int32 = 0
        // A replacement is this process's child: reap it, or it stays a zombie that `kill(pid, 0)` still finds.
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) != pid && kill(pid, 0) == 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
        if kill(pid, 0) == 0, waitpid(pid, &status, WNOHANG) != pid {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
        }
    }

    private func start(_ environment: [String: String]) async throws {
        let pid = try Spawn.start(
            self.executable, ["serve"], environment: environment, output: .init(path: "\(self.runDir)/logs/notifier.log", append: true)
        )
        try "\(pid)\n".write(toFile: "\(self.runDir)/notifier.pid", atomically: true, encoding: .utf8)
        let ready = URL(string: self.stack["NOTIFIER_URL"] + "/readyz")!
        for _ in 0..<150 {
            if let (_, response) = try? await URLSession.shared.data(from: ready), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StackError("the restarted notifier did not become ready")
    }
}
