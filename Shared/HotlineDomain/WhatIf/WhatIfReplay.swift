import Foundation

/// Replays stored tickets through the current and a proposed jurisdiction with the pure
/// ``Router`` (and so its ``WorkingCalendar``) and the catalogs' ``EscalationPolicy``, and tallies
/// the difference: where tickets would have gone, how their deadlines move, which would have
/// been overdue or escalated, and the rates of /v1/stats under the new deadlines.
///
/// Both sides are routed afresh, as a new ticket would be at its creation time, so the difference
/// is the rules' alone; a ticket whose stored routing the current rules do not reproduce (routed
/// by an earlier version, returned, dispatched by hand, extended) is counted as unexplained.
/// Pure and `Sendable`: replay batches on as many threads as there are cores and merge the tallies.
public struct WhatIfReplay: Sendable {
    /// The router of the jurisdiction in force.
    public let current: Router
    /// The router of the jurisdiction proposed.
    public let proposed: Router
    /// The current jurisdiction's revision (a stored ticket routed by another one is expected to differ).
    public let currentVersion: Int?
    /// The colour each household would have under the proposed catalog's rules, by code; a
    /// household not listed keeps the colour stored on the ticket.
    public let proposedColours: [String: HouseholdColour]
    /// The instant the replay judges open tickets at.
    public let now: Date
    /// How many ticket numbers each list of the report keeps.
    public let sampleLimit: Int
    /// Whether both catalogs classify text identically (same categories, keywords, order): then a
    /// ticket's stored category is given to the router instead of classifying its text twice.
    let sameClassifier: Bool

    /// Prepares a replay of `proposed` against `current`.
    public init(
        current: Router, proposed: Router, currentVersion: Int? = nil, proposedColours: [String: HouseholdColour] = [:],
        now: Date, sampleLimit: Int = 100
    ) {
        self.current = current
        self.proposed = proposed
        self.currentVersion = currentVersion
        self.proposedColours = proposedColours
        self.now = now
        self.sampleLimit = sampleLimit
        func keywords(_ jurisdiction: Jurisdiction) -> [[String]] {
            jurisdiction.catalog.categories.map { [$0.code] + $0.keywords }
        }
        self.sameClassifier = keywords(current.jurisdiction) == keywords(proposed.jurisdiction)
    }

    /// Replays `tickets` into a new tally.
    public func replay(_ tickets: some Collection<ReplayTicket>) -> WhatIfTally {
        var tally = WhatIfTally(sampleLimit: self.sampleLimit)
        for ticket in tickets { self.replay(ticket, into: &tally) }
        return tally
    }

    /// Replays `tickets` split over `threads` threads and merges the tallies.
    public func replay(_ tickets: [ReplayTicket], threads: Int) -> WhatIfTally {
        let parts = max(1, min(threads, tickets.count / 512))
        guard parts > 1 else { return self.replay(tickets) }
        let size = (tickets.count + parts - 1) / parts
        let results = TallySlots(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slice = tickets[(part * size)..<min(tickets.count, (part + 1) * size)]
            results.set(part, self.replay(slice))
        }
        var tally = WhatIfTally(sampleLimit: self.sampleLimit)
        for part in results.all() { tally.merge(part) }
        return tally
    }

    /// Routes one ticket both ways and adds the difference to `tally`.
    func replay(_ ticket: ReplayTicket, into tally: inout WhatIfTally) {
        var request = ticket.request
        if self.sameClassifier, request.category == nil, let category = ticket.stored.category {
            request.category = category
        }
        let before = self.current.route(request, at: ticket.createdAt)
        if let household = request.household, let colour = self.proposedColours[household.code] {
            request.household?.colour = colour
        }
        let after = self.proposed.route(request, at: ticket.createdAt)
        tally.replayed += 1
        self.compareRouting(ticket, before, after, into: &tally)
        self.compareDeadlines(ticket, before, after, into: &tally)
        self.countRates(ticket, after, into: &tally)
        self.explain(ticket, before, into: &tally)
    }

    /// The five routing fields, from -> to, and the grids' and grid workers' counts.
    private func compareRouting(_ ticket: ReplayTicket, _ before: RoutingDecision, _ after: RoutingDecision, into tally: inout WhatIfTally) {
        var changed = false
        for (field, old, new) in Self.fields(before, after) where old != new {
            tally.changes[.init(field: field, from: old, to: new), default: .init()].add(ticket.number, limit: self.sampleLimit)
            changed = true
        }
        if changed {
            tally.changedTickets += 1
            if let grid = before.grid?.code ?? after.grid?.code { tally.gridsChanged[grid, default: 0] += 1 }
        }
        if let grid = before.grid?.code {
            tally.gridsBefore[grid, default: 0] += 1
            if before.handler == .community { tally.loadBefore[grid, default: 0] += 1 }
        }
        if let grid = after.grid?.code {
            tally.gridsAfter[grid, default: 0] += 1
            if after.handler == .community { tally.loadAfter[grid, default: 0] += 1 }
        }
    }

    /// The routing fields the report compares, as (field, current, proposed).
    static func fields(_ before: RoutingDecision, _ after: RoutingDecision) -> [(String, String?, String?)] {
        [
            ("grid", before.grid?.code, after.grid?.code),
            ("community", before.grid?.community.code, after.grid?.community.code),
            ("handler", before.handler?.rawValue, after.handler?.rawValue),
            ("department", before.leadDepartment?.code, after.leadDepartment?.code),
            ("urgency", before.outcome == .routed ? before.urgency.rawValue : nil, after.outcome == .routed ? after.urgency.rawValue : nil),
        ]
    }

    /// Deadline moves, and overdue / escalation under each set of rules, judged on what actually
    /// happened: open until resolved, closed, or now.
    private func compareDeadlines(_ ticket: ReplayTicket, _ before: RoutingDecision, _ after: RoutingDecision, into tally: inout WhatIfTally) {
        tally.resolveBy.add(from: before.resolveBy, to: after.resolveBy, number: ticket.number, limit: self.sampleLimit)
        tally.respondBy.add(from: before.respondBy, to: after.respondBy, number: ticket.number, limit: self.sampleLimit)
        guard ticket.judged, let oldResolve = before.resolveBy, let newResolve = after.resolveBy else { return }
        let end = ticket.end(now: self.now)
        let (wasOverdue, isOverdue) = (end > oldResolve, end > newResolve)
        if isOverdue, !wasOverdue { tally.becameOverdue.add(ticket.number, limit: self.sampleLimit) }
        if wasOverdue, !isOverdue { tally.noLongerOverdue.add(ticket.number, limit: self.sampleLimit) }
        let oldLevel = self.current.jurisdiction.catalog.escalation.level(openedAt: ticket.createdAt, resolveBy: oldResolve, now: end)
        let newLevel = self.proposed.jurisdiction.catalog.escalation.level(openedAt: ticket.createdAt, resolveBy: newResolve, now: end)
        if oldLevel != newLevel { tally.levels[.init(field: "level", from: oldLevel.rawValue, to: newLevel.rawValue), default: 0] += 1 }
        if newLevel > .community, oldLevel == .community { tally.becameEscalated.add(ticket.number, limit: self.sampleLimit) }
        if oldLevel > .community, newLevel == .community { tally.noLongerEscalated.add(ticket.number, limit: self.sampleLimit) }
    }

    /// The counters of /v1/stats' rates: as stored, and with the proposed deadlines.
    private func countRates(_ ticket: ReplayTicket, _ after: RoutingDecision, into tally: inout WhatIfTally) {
        func count(_ rates: inout WhatIfTally.Rates, respondBy: Date?, resolveBy: Date?) {
            guard ticket.dispatched || ticket.rating != nil || ticket.resolved else { return }
            if ticket.dispatched { rates.dispatched += 1 }
            if let at = ticket.respondedAt, let respondBy, at <= respondBy { rates.respondedOnTime += 1 }
            if ticket.resolved { rates.resolved += 1 }
            if let at = ticket.resolvedAt, let resolveBy, at <= resolveBy { rates.resolvedOnTime += 1 }
            if let rating = ticket.rating {
                rates.rated += 1
                if rating == 1 || rating == 2 { rates.satisfied += 1 }
            }
        }
        count(&tally.ratesStored, respondBy: ticket.stored.respondBy, resolveBy: ticket.stored.resolveBy)
        count(&tally.ratesProposed, respondBy: after.respondBy ?? ticket.stored.respondBy, resolveBy: after.resolveBy ?? ticket.stored.resolveBy)
    }

    /// Why the stored routing is not what the current rules give, when it is not.
    private func explain(_ ticket: ReplayTicket, _ before: RoutingDecision, into tally: inout WhatIfTally) {
        guard ticket.dispatched || ticket.stored.handler != nil else { return }
        let stored = ticket.stored
        let routingDiffers = stored.grid != before.grid?.code || stored.handler != before.handler
            || stored.leadDepartment != before.leadDepartment?.code || (stored.urgency.map { $0 != before.urgency } ?? false)
        // Stored instants come back with microseconds: a millisecond apart is the same deadline.
        func differs(_ a: Date?, _ b: Date?) -> Bool {
            guard let a, let b else { return (a == nil) != (b == nil) }
            return abs(a.timeIntervalSince(b)) > 0.001
        }
        let deadlineDiffers = differs(stored.resolveBy, before.resolveBy) || differs(stored.respondBy, before.respondBy)
        guard routingDiffers || deadlineDiffers else { return }
        let reason: String
        if let version = stored.jurisdictionVersion, let current = self.currentVersion, version != current {
            reason = "routedByEarlierVersion"
        } else if stored.jurisdictionVersion == nil, self.currentVersion != nil {
            reason = "routedBeforeVersionsWereKept"
        } else if stored.returnCount > 0 {
            reason = "returned"
        } else if routingDiffers {
            reason = ticket.status == "duplicate" ? "duplicate" : "routingDiffers"
        } else {
            reason = "deadlineDiffers"
        }
        tally.unexplained[reason, default: .init()].add(ticket.number, limit: self.sampleLimit)
    }
}

/// Results of parallel replays, one slot per part.
private final class TallySlots: @unchecked Sendable {
    // Each slot is written once by its own part and read after all parts joined
    // (concurrentPerform returns only then), behind a lock all the same.
    private var slots: [WhatIfTally?]
    private let lock = NSLock()

    init(count: Int) { self.slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ tally: WhatIfTally) { self.lock.withLock { self.slots[index] = tally } }

    func all() -> [WhatIfTally] { self.lock.withLock { self.slots.compactMap { $0 } } }
}
