import Foundation
import Testing
@testable import HotlineDomain

/// The what-if diff on small jurisdictions built here: two grids side by side, three categories.
@Suite struct WhatIfReplayTests {
    /// Monday 2026-11-02 10:00 in Shanghai (a plain week: no holiday until the fixtures add one).
    let monday = Fixtures.instant("2026-11-02T10:00:00+08:00")
    let now = Fixtures.instant("2026-11-30T10:00:00+08:00")

    static func square(_ west: Double, _ east: Double) -> GridGeometry {
        let (south, north) = (36.0, 36.1)
        return GridGeometry(polygons: [GridPolygon(outer: [
            Coordinate(lat: south, lon: west), Coordinate(lat: south, lon: east), Coordinate(lat: north, lon: east),
            Coordinate(lat: north, lon: west), Coordinate(lat: south, lon: west),
        ])])
    }

    static func grid(_ code: String, community: String, _ west: Double, _ east: Double) -> Grid {
        Grid(
            code: code, name: "网格\(code)", community: Area(code: community, name: "社区\(community)"),
            street: Area(code: "S1", name: "街道一"), district: Area(code: "D1", name: "城关区"),
            worker: Contact(name: "网格员\(code)", phone: "1390931000\(code.suffix(1))"),
            secretary: Contact(name: "书记\(community)", phone: "13909312000"), households: 300,
            geometry: self.square(west, east)
        )
    }

    static let sla = SLAPolicy(
        general: SLATerms(respond: ISODuration("P1D")!, resolve: ISODuration("P5D")!, workingDays: true),
        urgent: SLATerms(respond: ISODuration("PT2H")!, resolve: ISODuration("PT24H")!),
        emergency: SLATerms(respond: ISODuration("PT30M")!, resolve: ISODuration("PT4H")!)
    )

    static func catalog(noise: HandlerKind = .community, calendar: CalendarRules = CalendarRules()) -> Catalog {
        Catalog(
            departments: [Department(code: "CG", name: "城市管理局"), Department(code: "SW", name: "水务局")],
            categories: [
                Category(code: "streetlight", name: "路灯不亮", keywords: ["路灯"], handler: .department, department: "CG"),
                Category(
                    code: "noise", name: "噪音扰民", keywords: ["噪音"], handler: noise, department: noise == .department ? "CG" : nil
                ),
                Category(code: "water", name: "停水", keywords: ["停水"], handler: .department, department: "SW", urgency: .urgent),
            ],
            sla: self.sla, calendar: calendar
        )
    }

    static let twoGrids = [grid("G1", community: "C1", 104.0, 104.1), grid("G2", community: "C2", 104.1, 104.2)]

    func replay(_ current: Jurisdiction, _ proposed: Jurisdiction, _ tickets: [ReplayTicket]) -> (WhatIfTally, WhatIfReport) {
        let replay = WhatIfReplay(
            current: Router(jurisdiction: current, timeZone: Fixtures.shanghai),
            proposed: Router(jurisdiction: proposed, timeZone: Fixtures.shanghai), currentVersion: 1, now: self.now
        )
        let tally = replay.replay(tickets)
        return (tally, WhatIfReport(tally: tally, replay: replay, since: "P90D", from: self.monday, to: self.now, seconds: 1))
    }

    func ticket(_ number: String, _ description: String, lon: Double, at: Date? = nil, resolvedAfter hours: Double? = nil) -> ReplayTicket {
        let created = at ?? self.monday
        return ReplayTicket(
            number: number, createdAt: created,
            request: RoutingRequest(description: description, coordinate: Coordinate(lat: 36.05, lon: lon)),
            status: hours == nil ? "assigned" : "resolved", dispatched: true,
            respondedAt: created.addingTimeInterval(3_600), resolved: hours != nil,
            resolvedAt: hours.map { created.addingTimeInterval($0 * 3_600) }
        )
    }

    @Test func gridSplitInTwoMovesTheEastHalf() {
        let current = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog())
        let split = [
            Self.grid("G1", community: "C1", 104.0, 104.05), Self.grid("G3", community: "C3", 104.05, 104.1), Self.twoGrids[1],
        ]
        let proposed = Jurisdiction(grids: split, catalog: Self.catalog())
        let tickets = [
            self.ticket("T1", "路灯不亮", lon: 104.02), self.ticket("T2", "噪音很大", lon: 104.07),
            self.ticket("T3", "噪音", lon: 104.08), self.ticket("T4", "停水了", lon: 104.15),
        ]
        let (tally, report) = self.replay(current, proposed, tickets)
        #expect(tally.replayed == 4)
        #expect(tally.changedTickets == 2)
        #expect(tally.changes[.init(field: "grid", from: "G1", to: "G3")]?.count == 2)
        #expect(tally.changes[.init(field: "grid", from: "G1", to: "G3")]?.tickets == ["T2", "T3"])
        #expect(tally.changes[.init(field: "community", from: "C1", to: "C3")]?.count == 2)
        #expect(tally.changes.count == 2)
        #expect(report.deadlines.unchanged == 4)
        #expect(report.rules.gridsAdded == ["G3"])
        #expect(report.rules.gridsChanged == ["G1"])
        // Both noise tickets were G1's worker's; now G3's.
        #expect(report.workers.map(\.grid).sorted() == ["G1", "G3"])
        #expect(report.workers.first { $0.grid == "G1" }?.change == -2)
        #expect(report.grids.first { $0.code == "G3" }.map { ($0.before, $0.after, $0.added) } ?? (0, 0, false) == (0, 2, true))
        #expect(report.changes.first?.fromName == "网格G1")
        #expect(report.grids.first { $0.code == "G1" }?.changed == 2)
        #expect(report.html(grids: split + Self.twoGrids).contains("<polygon"))
    }

    @Test func categoryMovedToADepartment() {
        let current = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog())
        let proposed = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog(noise: .department))
        let tickets = [self.ticket("T1", "噪音扰民", lon: 104.02), self.ticket("T2", "夜里噪音", lon: 104.15), self.ticket("T3", "路灯", lon: 104.15)]
        let (tally, report) = self.replay(current, proposed, tickets)
        #expect(tally.changes[.init(field: "handler", from: "community", to: "department")]?.count == 2)
        #expect(tally.changes[.init(field: "department", from: nil, to: "CG")]?.count == 2)
        #expect(tally.changes.count == 2)
        #expect(report.rules.categories.map(\.field).sorted() == ["department", "handler"])
        #expect(report.changes.first { $0.field == "department" }?.toName == "城市管理局")
        // Load leaves both grid workers; the grids keep their tickets but each has one changed.
        #expect(report.workers.map(\.change) == [-1, -1])
        #expect(report.grids.map(\.changed) == [1, 1])
        #expect(report.grids.allSatisfy { $0.before == $0.after })
        // The JSON names from as null rather than leaving it out.
        let json = String(decoding: try! HotlineJSON.encoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"from\":null"))
    }

    @Test func holidayAddedMovesWorkingDayDeadlinesLater() {
        let current = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog())
        // Wednesday 2026-11-04 becomes a holiday: P5D from Monday 10:00 ends a day later.
        let holiday = CalendarRules(holidays: [LocalDate("2026-11-04")!])
        let proposed = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog(calendar: holiday))
        let calendar = WorkingCalendar(rules: holiday, timeZone: Fixtures.shanghai)
        let oldCalendar = WorkingCalendar(rules: CalendarRules(), timeZone: Fixtures.shanghai)
        let five = ISODuration("P5D")!
        let oldDeadline = oldCalendar.deadline(from: self.monday, adding: five, workingDays: true)
        let newDeadline = calendar.deadline(from: self.monday, adding: five, workingDays: true)
        #expect(newDeadline > oldDeadline)
        let hoursLate = oldDeadline.timeIntervalSince(self.monday) / 3_600 + 1
        let tickets = [
            // Resolved an hour after the old deadline: overdue now, on time with the holiday.
            self.ticket("T1", "路灯不亮", lon: 104.02, resolvedAfter: hoursLate),
            // Still open: overdue both ways.
            self.ticket("T2", "路灯不亮", lon: 104.02),
            // Urgent (elapsed hours, not working days): unchanged.
            self.ticket("T3", "停水", lon: 104.15, resolvedAfter: 2),
            // Created after the holiday: unchanged.
            self.ticket("T4", "路灯", lon: 104.02, at: Fixtures.instant("2026-11-05T09:00:00+08:00")),
        ]
        let (tally, report) = self.replay(current, proposed, tickets)
        #expect(tally.changes.isEmpty)
        #expect(report.deadlines.later == 2)
        #expect(report.deadlines.unchanged == 2)
        #expect(report.deadlines.earlier == 0)
        #expect(report.deadlines.tickets == ["T1", "T2"])
        #expect(report.deadlines.minHours == newDeadline.timeIntervalSince(oldDeadline) / 3_600)
        #expect(report.overdue.ceased.tickets == ["T1"])
        #expect(report.overdue.became.count == 0)
        #expect(report.escalated.ceased.tickets == ["T1"])
        #expect(report.rules.holidaysAdded == ["2026-11-04"])
        // Resolved on time under the proposed deadlines: T1 and T3.
        #expect(report.rates["stored"]?.dispatched == 4)
        #expect(tally.ratesProposed.resolvedOnTime == 2)
    }

    @Test func makeUpWorkingDayRemovedMovesDeadlinesLater() {
        // Saturday 2026-11-07 is a make-up working day now; the proposed calendar drops it.
        let makeUp = CalendarRules(workdays: [LocalDate("2026-11-07")!])
        let current = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog(calendar: makeUp))
        let proposed = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog())
        let thursday = Fixtures.instant("2026-11-05T10:00:00+08:00")
        let tickets = [
            self.ticket("T1", "路灯不亮", lon: 104.02, at: thursday), self.ticket("T2", "噪音", lon: 104.15, at: thursday),
            self.ticket("T3", "路灯不亮", lon: 104.02, at: Fixtures.instant("2026-11-09T10:00:00+08:00")),
        ]
        let (_, report) = self.replay(current, proposed, tickets)
        #expect(report.deadlines.later == 2)
        #expect(report.deadlines.unchanged == 1)
        // Respond-by (P1D) from Thursday is Friday either way.
        #expect(report.respondDeadlines.unchanged == 3)
        #expect(report.rules.workdaysRemoved == ["2026-11-07"])
        #expect(report.changes.isEmpty)
    }

    @Test func parallelReplayEqualsOneThread() {
        let current = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog())
        let proposed = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog(noise: .department))
        let tickets = (0..<3_000).map { index in
            self.ticket("T\(index)", index % 3 == 0 ? "噪音" : "路灯", lon: 104.01 + Double(index % 19) / 100)
        }
        let replay = WhatIfReplay(
            current: Router(jurisdiction: current, timeZone: Fixtures.shanghai),
            proposed: Router(jurisdiction: proposed, timeZone: Fixtures.shanghai), now: self.now, sampleLimit: 5
        )
        let one = replay.replay(tickets)
        let many = replay.replay(tickets, threads: 4)
        #expect(one.replayed == many.replayed)
        #expect(one.changes.mapValues(\.count) == many.changes.mapValues(\.count))
        #expect(one.changes[.init(field: "handler", from: "community", to: "department")]?.count == 1_000)
        #expect(many.changes.values.allSatisfy { $0.tickets.count == 5 })
        #expect(one.gridsAfter == many.gridsAfter)
    }

    @Test func householdTurningRedRaisesUrgency() {
        let current = Jurisdiction(grids: Self.twoGrids, catalog: Self.catalog())
        var ticket = self.ticket("T1", "路灯不亮", lon: 104.02)
        ticket.request.household = HouseholdTag(code: "H-1", colour: .green, reason: "", matchedBy: "caller phone")
        let replay = WhatIfReplay(
            current: Router(jurisdiction: current, timeZone: Fixtures.shanghai),
            proposed: Router(jurisdiction: current, timeZone: Fixtures.shanghai), proposedColours: ["H-1": .red], now: self.now
        )
        let tally = replay.replay([ticket])
        #expect(tally.changes[.init(field: "urgency", from: "general", to: "urgent")]?.count == 1)
        #expect(tally.resolveBy.earlier == 1)
    }
}
