import Foundation

extension WhatIfReport {
    /// The report of a finished replay: names looked up in both jurisdictions, lists sorted (most
    /// tickets first), rates divided.
    public init(
        tally: WhatIfTally, replay: WhatIfReplay, since: String, from: Date, to: Date,
        householdChanges: [HouseholdChange] = [], seconds: Double
    ) {
        let names = NameBook(replay.current.jurisdiction, replay.proposed.jurisdiction)
        self.since = since
        self.from = from
        self.to = to
        self.currentVersion = replay.currentVersion
        self.replayed = tally.replayed
        self.changedTickets = tally.changedTickets
        let fieldOrder = ["grid", "community", "handler", "department", "urgency"]
        self.changes = tally.changes.map { key, sample in
            Change(
                field: key.field, from: key.from, to: key.to, fromName: names.name(key.field, key.from),
                toName: names.name(key.field, key.to), count: sample.count, tickets: sample.tickets
            )
        }.sorted {
            ($0.count, fieldOrder.firstIndex(of: $1.field) ?? 9, $1.from ?? "", $1.to ?? "")
                > ($1.count, fieldOrder.firstIndex(of: $0.field) ?? 9, $0.from ?? "", $0.to ?? "")
        }
        self.deadlines = Self.deadlines(tally.resolveBy)
        self.respondDeadlines = Self.deadlines(tally.respondBy)
        func tickets(_ sample: WhatIfTally.Sample) -> Tickets { Tickets(count: sample.count, tickets: sample.tickets) }
        self.overdue = Turns(became: tickets(tally.becameOverdue), ceased: tickets(tally.noLongerOverdue))
        self.escalated = Turns(became: tickets(tally.becameEscalated), ceased: tickets(tally.noLongerEscalated))
        self.levels = tally.levels.map {
            Change(field: "level", from: $0.key.from, to: $0.key.to, fromName: nil, toName: nil, count: $0.value, tickets: [])
        }.sorted { $0.count > $1.count }
        self.rates = ["stored": Self.rates(tally.ratesStored), "proposed": Self.rates(tally.ratesProposed)]
        self.households = householdChanges.sorted { ($0.grid, $0.code) < ($1.grid, $1.code) }
        self.workers = Self.workers(tally, names)
        self.grids = Self.grids(tally, names)
        self.unexplained = tally.unexplained.mapValues(tickets)
        self.rules = WhatIfRulesDiff(current: replay.current.jurisdiction, proposed: replay.proposed.jurisdiction)
        self.seconds = seconds
        self.ticketsPerSecond = seconds > 0 ? Double(tally.replayed) / seconds : 0
    }

    private static func deadlines(_ shift: WhatIfTally.Shift) -> Deadlines {
        let labels = ["< -3d", "-3d..-1d", "-1d..-1h", "-1h..0", "0", "0..1h", "1h..1d", "1d..3d", "> 3d"]
        let moved = shift.moved.count
        return Deadlines(
            earlier: shift.earlier, later: shift.later, unchanged: shift.unchanged, unmatched: shift.unmatched,
            minHours: moved > 0 ? shift.least / 3_600 : nil, meanHours: moved > 0 ? shift.sum / Double(moved) / 3_600 : nil,
            maxHours: moved > 0 ? shift.most / 3_600 : nil,
            bands: zip(labels, shift.bands).map { Band(label: $0, count: $1) }, tickets: shift.moved.tickets
        )
    }

    private static func rates(_ rates: WhatIfTally.Rates) -> Rates {
        func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
        return Rates(
            dispatched: rates.dispatched, respondedOnTime: rates.respondedOnTime, resolved: rates.resolved,
            resolvedOnTime: rates.resolvedOnTime, rated: rates.rated, satisfied: rates.satisfied,
            responseRate: ratio(rates.respondedOnTime, rates.dispatched), resolutionRate: ratio(rates.resolved, rates.dispatched),
            satisfactionRate: ratio(rates.satisfied, rates.rated), onTimeResolutionRate: ratio(rates.resolvedOnTime, rates.dispatched)
        )
    }

    private static func workers(_ tally: WhatIfTally, _ names: NameBook) -> [WorkerLoad] {
        let codes = Set(tally.loadBefore.keys).union(tally.loadAfter.keys)
        return codes.compactMap { code -> WorkerLoad? in
            let (before, after) = (tally.loadBefore[code] ?? 0, tally.loadAfter[code] ?? 0)
            guard before != after else { return nil }
            let grid = names.grid(code)
            return WorkerLoad(
                grid: code, gridName: grid?.name ?? code, worker: grid?.worker.name ?? "", before: before, after: after,
                change: after - before
            )
        }.sorted { (abs($0.change), $1.grid) > (abs($1.change), $0.grid) }.prefix(20).map { $0 }
    }

    private static func grids(_ tally: WhatIfTally, _ names: NameBook) -> [GridCount] {
        let codes = Set(names.currentGrids.keys).union(names.proposedGrids.keys)
        return codes.sorted().map { code in
            GridCount(
                code: code, name: names.grid(code)?.name ?? code, before: tally.gridsBefore[code] ?? 0,
                after: tally.gridsAfter[code] ?? 0, changed: tally.gridsChanged[code] ?? 0, removed: names.proposedGrids[code] == nil,
                added: names.currentGrids[code] == nil
            )
        }
    }
}

/// Names of codes in either jurisdiction, the proposed one first.
struct NameBook {
    let currentGrids: [String: Grid]
    let proposedGrids: [String: Grid]
    let communities: [String: String]
    let departments: [String: String]

    init(_ current: Jurisdiction, _ proposed: Jurisdiction) {
        func byCode(_ grids: [Grid]) -> [String: Grid] { Dictionary(grids.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }) }
        self.currentGrids = byCode(current.grids)
        self.proposedGrids = byCode(proposed.grids)
        self.communities = Dictionary((current.grids + proposed.grids).map { ($0.community.code, $0.community.name) }, uniquingKeysWith: { _, b in b })
        self.departments = Dictionary(
            (current.catalog.departments + proposed.catalog.departments).map { ($0.code, $0.name) }, uniquingKeysWith: { _, b in b }
        )
    }

    func grid(_ code: String) -> Grid? { self.proposedGrids[code] ?? self.currentGrids[code] }

    func name(_ field: String, _ code: String?) -> String? {
        guard let code else { return nil }
        switch field {
        case "grid": return self.grid(code)?.name
        case "community": return self.communities[code]
        case "department": return self.departments[code]
        case "handler": return ["community": "社区自办", "department": "部门转办", "secretary": "书记负责"][code]
        case "urgency": return ["general": "一般", "urgent": "较急", "emergency": "紧急"][code]
        default: return nil
        }
    }
}
