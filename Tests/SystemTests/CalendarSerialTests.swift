import Foundation
import Testing

/// A jurisdiction whose calendar makes today a holiday, imported onto the running stack: the
/// routed deadline, the receipt's words and the reasons follow it. It swaps the stack's
/// jurisdiction, so it runs with the suites that run alone (`make test`'s serial pass).
@Suite(.serialized) struct CalendarSerialTests {
    let stack: Stack
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    init() throws {
        self.stack = try Stack.load()
    }

    @Test func aHolidayTodayMovesTheDeadlineAndTheReceiptSaysSo() async throws {
        let demo = self.stack.root.appendingPathComponent("deploy/demo")
        var catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: demo.appendingPathComponent("catalog.json"))) as? [String: Any])
        var calendar = catalog["calendar"] as? [String: Any] ?? [:]
        // Today and the next Monday-to-Friday become holidays, so a weekend run tests a holiday too.
        let today = self.day(Date())
        let nextWeekday = try #require((1...7).lazy.map { Date().addingTimeInterval(Double($0) * 86_400) }.first { !self.isWeekend($0) })
        let days = [today, self.day(nextWeekday)]
        calendar["holidays"] = ((calendar["holidays"] as? [String]) ?? []) + days
        calendar["workdays"] = ((calendar["workdays"] as? [String]) ?? []).filter { !days.contains($0) }
        catalog["calendar"] = calendar
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("holiday-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: demo.appendingPathComponent("grids.geojson"), to: folder.appendingPathComponent("grids.geojson"))
        try JSONSerialization.data(withJSONObject: catalog).write(to: folder.appendingPathComponent("catalog.json"))
        let imported = try self.stack.command("dispatcher", ["import", folder.path])
        #expect(imported.status == 0, "\(imported.output)")
        do {
            try await Task.sleep(for: .seconds(2))  // both services reload on the import's NOTIFY
            try await self.check(catalog: catalog, holidays: Set(calendar["holidays"] as? [String] ?? []), workdays: Set(calendar["workdays"] as? [String] ?? []))
        } catch {
            _ = try? self.stack.command("dispatcher", ["import", demo.path])
            throw error
        }
        let restored = try self.stack.command("dispatcher", ["import", demo.path])
        #expect(restored.status == 0, "\(restored.output)")
    }

    private func check(catalog: [String: Any], holidays: Set<String>, workdays: Set<String>) async throws {
        let general = try #require((catalog["sla"] as? [String: Any])?["general"] as? [String: Any])
        let resolve = try #require(general["resolve"] as? String)
        #expect(general["workingDays"] as? Bool == true)
        let days = try #require(Int(resolve.dropFirst().dropLast()), "the demo's general resolve is whole days (\(resolve))")
        // Today is off: the clock starts on the next working day and ends at 24:00 of the last.
        var day = Date()
        var counted = 0
        while counted < days {
            day = day.addingTimeInterval(86_400)
            let text = self.day(day)
            if workdays.contains(text) || (!holidays.contains(text) && !self.isWeekend(day)) { counted += 1 }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.shanghai
        let lastDay = calendar.dateComponents([.month, .day, .weekday], from: day)
        let weekday = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"][(lastDay.weekday ?? 1) - 1]
        let expectedText = "\(lastDay.month!)月\(lastDay.day!)日（\(weekday)）24时"

        let (status, created) = try await self.stack.createTicket(demoTicket())
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        let ticket = try await self.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        let deadlines = try #require(ticket["deadlines"] as? [String: Any])
        #expect(deadlines["resolveByText"] as? String == expectedText)
        let resolveBy = try #require(deadlines["resolveBy"] as? String)
        let end = calendar.startOfDay(for: day.addingTimeInterval(86_400))
        #expect(ISO8601DateFormatter.fractional.date(from: resolveBy) == end, "\(resolveBy) is \(expectedText)")

        let number = try #require(ticket["number"] as? String)
        let receipts = try await self.stack.waitForSMS { $0["kind"] as? String == "receipt" && $0["ticketNumber"] as? String == number }
        #expect(receipts.first?["text"] as? String == "【12345热线】您反映的问题已受理，工单号\(number)，承诺于\(expectedText)前办结。")

        // Reasons are sentences naming the grid, the category and the department by name.
        let routing = try #require(ticket["routing"] as? [String: Any])
        let reasons = try #require(routing["reasons"] as? [String])
        let categories = try #require(catalog["categories"] as? [[String: Any]])
        let category = try #require(categories.first { $0["code"] as? String == ticket["category"] as? String })
        let departments = try #require(catalog["departments"] as? [[String: Any]])
        let lead = try #require(departments.first { $0["code"] as? String == category["department"] as? String })
        let gridName = try #require(routing["gridName"] as? String)
        #expect(reasons.contains { $0.hasPrefix("分类“\(category["name"] as! String)”由\(lead["name"] as! String)主办") }, "\(reasons)")
        #expect(reasons.contains { $0.hasPrefix("按地址中的") && $0.contains(gridName) }, "\(reasons)")
        #expect(reasons.allSatisfy { !$0.contains(ticket["category"] as! String) }, "no category code in a sentence: \(reasons)")
        let rules = try #require(routing["rules"] as? [[String: Any]])
        #expect(rules.count == reasons.count)
        #expect(rules.contains { $0["rule"] as? String == "department.lead" })
    }

    private func isWeekend(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.shanghai
        return [1, 7].contains(calendar.component(.weekday, from: date))
    }

    private func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.shanghai
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

extension ISO8601DateFormatter {
    /// Reads the API's timestamps (`2026-12-05T00:00:00.000Z`).
    static var fractional: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
