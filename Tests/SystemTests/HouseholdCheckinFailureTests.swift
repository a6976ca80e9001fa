import Foundation
import Testing

/// The daily check-in (平安打卡) end to end. It replaces the running notifier (with a check-in
/// time a few seconds from now and a short deadline), so it runs with the `Failure` suites:
/// last and alone.
@Suite(.serialized) struct HouseholdCheckinFailureTests {
    /// Two households marked for check-in: one answers `1`, one stays silent. The notifier is
    /// restarted after the SMS went out, and sends no second one; at the deadline the silent
    /// household gets an urgent `wellbeing_check` ticket routed to its grid and its watcher an SMS;
    /// its "1" after the deadline no longer counts.
    @Test func oneAnsweredOneMissedAcrossARestart() async throws {
        let notifier = try NotifierHarness.load()
        let households = try HouseholdTests()
        let restart = try NotifierRestart(stack: notifier.stack)
        let (answering, answeringPhone) = HouseholdTests.unique()
        let (silent, silentPhone) = HouseholdTests.unique()
        let watcher = NotifierHarness.uniquePhone()
        let imported = try households.importHouseholds(
            """
            [{"code": "\(answering)", "address": "测试小区7号楼\(answering)", "grid": "\(households.grid)", "checkin": true,
              "members": [{"name": "甲", "phone": "\(answeringPhone)", "birthYear": 1944, "flags": ["alone"]}]},
             {"code": "\(silent)", "address": "测试小区7号楼\(silent)", "grid": "\(households.grid)", "checkin": true,
              "watcher": {"name": "邻居", "phone": "\(watcher)"},
              "members": [{"name": "乙", "phone": "\(silentPhone)", "birthYear": 1938, "flags": ["alone"]}]}]
            """
        )
        #expect(imported.status == 0, "\(imported.output)")
        let zone = TimeZone(identifier: restart.environment["TZ"].flatMap { $0.isEmpty ? nil : $0 } ?? "Asia/Shanghai")!
        let settings = ["CHECKIN_AT": NotifierFailureTests.clock(Date().addingTimeInterval(2), zone), "CHECKIN_DEADLINE": "PT20S"]
        try await restart.replace(with: settings)
        do {
            let phones: Set<String> = [answeringPhone, silentPhone]
            let sent = try await notifier.stack.waitForSMS(count: 2, seconds: 20) {
                $0["kind"] as? String == "checkin" && phones.contains($0["to"] as? String ?? "")
            }
            #expect(sent.count == 2)

            // A restart inside the window plans nothing twice.
            try await restart.replace(with: settings)
            try await Task.sleep(for: .seconds(4))
            let checkins = notifier.stack.smsSink().filter { $0["kind"] as? String == "checkin" && phones.contains($0["to"] as? String ?? "") }
            #expect(checkins.count == 2, "one check-in SMS per household and day, restart or not")

            let (status, answer) = try await notifier.inbound(from: answeringPhone, text: "1")
            #expect(status == 200)
            #expect(answer["outcome"] as? String == "checked in \(answering)")

            // At the deadline: the silent household's ticket, and its watcher told.
            let missed = try await notifier.stack.waitForSMS(seconds: 40) { $0["kind"] as? String == "checkin_missed" && $0["to"] as? String == watcher }
            let number = try #require(missed.first?["ticketNumber"] as? String)
            let ticket = try await notifier.stack.waitForTicket(number) { $0["status"] as? String != "received" }
            #expect(ticket["category"] as? String == "wellbeing_check")
            #expect(ticket["urgency"] as? String == "urgent")
            #expect(ticket["status"] as? String == "assigned")
            #expect(ticket["grid"] as? String == households.grid)
            // A reply after the deadline is no check-in: it does not answer the missed day.
            let (lateStatus, late) = try await notifier.inbound(from: silentPhone, text: "1")
            #expect(lateStatus == 200)
            #expect((late["outcome"] as? String)?.hasPrefix("checked in") == false, "\(late)")
            #expect((ticket["routing"] as? [String: Any]).flatMap { $0["household"] as? [String: Any] }?["code"] as? String == silent)
            let rows = try notifier.sql(
                "SELECT household, (answered_at IS NOT NULL)::text AS answered, (missed_at IS NOT NULL)::text AS missed FROM household_checkins WHERE household = ANY($1::text[]) ORDER BY household",
                ["{\(answering),\(silent)}"]
            )
            #expect(rows.count == 2)
            #expect(rows.first { $0["household"] == answering }?["answered"] == "true")
            #expect(rows.first { $0["household"] == answering }?["missed"] == "false")
            #expect(rows.first { $0["household"] == silent }?["missed"] == "true")
            #expect(rows.first { $0["household"] == silent }?["answered"] == "false")
            let page = try await households.household(answering).json
            #expect((page["tickets"] as? [Any])?.isEmpty == true, "the household that answered has no ticket")
        } catch {
            try await restart.restore()
            throw error
        }
        try await restart.restore()
    }
}
