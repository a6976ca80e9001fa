import Foundation

/// What a proposed jurisdiction would have changed over a period of history: the answer of
/// `POST /v1/jurisdiction/what-if` and `dispatcher import --what-if` (CONTRACTS.md section 15).
/// Built from a ``WhatIfTally`` by ``WhatIfReport/init(tally:replay:period:householdChanges:seconds:)``.
public struct WhatIfReport: Codable, Sendable {
    /// One field's change, from -> to, with the tickets behind it.
    public struct Change: Codable, Sendable {
        /// `grid`, `community`, `handler`, `department` or `urgency`.
        public var field: String
        /// The value under the current rules; null for none (unroutable).
        public var from: String?
        /// The value under the proposed rules; null for none (unroutable).
        public var to: String?
        /// Readable names of the two values (grid, community, department and category names).
        public var fromName: String?, toName: String?
        /// Tickets changed so.
        public var count: Int
        /// The first ticket numbers (at most the sample limit).
        public var tickets: [String]

        // `from` and `to` are written as null, not left out, when there is none.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.field, forKey: .field)
            try c.encode(self.from, forKey: .from)
            try c.encode(self.to, forKey: .to)
            try c.encodeIfPresent(self.fromName, forKey: .fromName)
            try c.encodeIfPresent(self.toName, forKey: .toName)
            try c.encode(self.count, forKey: .count)
            try c.encode(self.tickets, forKey: .tickets)
        }
    }

    /// How a kind of deadline moved.
    public struct Deadlines: Codable, Sendable {
        /// Tickets whose deadline comes sooner, later, or at the same instant.
        public var earlier, later, unchanged: Int
        /// Tickets with a deadline under one set of rules only.
        public var unmatched: Int
        /// Least, mean and most move in hours among the tickets that moved (negative: earlier).
        public var minHours, meanHours, maxHours: Double?
        /// Tickets per band of the move.
        public var bands: [Band]
        /// The first tickets that moved.
        public var tickets: [String]
    }

    /// A band of deadline moves.
    public struct Band: Codable, Sendable {
        /// E.g. `-1d..-1h`.
        public var label: String
        /// Tickets in it.
        public var count: Int
    }

    /// A count with the first tickets behind it.
    public struct Tickets: Codable, Sendable {
        /// How many.
        public var count: Int
        /// The first ticket numbers.
        public var tickets: [String]
    }

    /// Tickets that would have been overdue (or escalated) and were not, and the reverse.
    public struct Turns: Codable, Sendable {
        /// Would have been, was not.
        public var became: Tickets
        /// Was, would not have been.
        public var ceased: Tickets
    }

    /// The three rates of /v1/stats (and on-time resolution) under one set of deadlines.
    public struct Rates: Codable, Sendable {
        /// The counters.
        public var dispatched, respondedOnTime, resolved, resolvedOnTime, rated, satisfied: Int
        /// respondedOnTime / dispatched, resolved / dispatched, satisfied / rated, resolvedOnTime /
        /// dispatched; null when nothing to divide by.
        public var responseRate, resolutionRate, satisfactionRate, onTimeResolutionRate: Double?

        // A rate with nothing to divide by is written as null, as /v1/stats does.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            for (value, key) in [
                (self.dispatched, CodingKeys.dispatched), (self.respondedOnTime, .respondedOnTime), (self.resolved, .resolved),
                (self.resolvedOnTime, .resolvedOnTime), (self.rated, .rated), (self.satisfied, .satisfied),
            ] {
                try c.encode(value, forKey: key)
            }
            for (value, key) in [
                (self.responseRate, CodingKeys.responseRate), (self.resolutionRate, .resolutionRate),
                (self.satisfactionRate, .satisfactionRate), (self.onTimeResolutionRate, .onTimeResolutionRate),
            ] {
                try c.encode(value, forKey: key)
            }
        }
    }

    /// A household whose colour the proposed rules change.
    public struct HouseholdChange: Codable, Sendable {
        /// The household's code and grid.
        public var code, grid: String
        /// Colour now and under the proposed rules.
        public var from, to: String

        /// Creates a change.
        public init(code: String, grid: String, from: String, to: String) {
            (self.code, self.grid, self.from, self.to) = (code, grid, from, to)
        }
    }

    /// A grid's tickets before and after, for the map.
    public struct GridCount: Codable, Sendable {
        /// The grid's code and name (from whichever side has it).
        public var code, name: String
        /// Tickets routed to it under the current and the proposed rules.
        public var before, after: Int
        /// Its tickets (under the current rules) whose routing changes in any field.
        public var changed: Int
        /// Whether the grid exists only in the current / only in the proposed map.
        public var removed, added: Bool
    }

    /// A grid worker whose load changes.
    public struct WorkerLoad: Codable, Sendable {
        /// The grid, its name and its worker's name (no phone).
        public var grid, gridName, worker: String
        /// Community-handled tickets of the grid under the current and the proposed rules.
        public var before, after: Int
        /// after - before.
        public var change: Int
    }

    /// The period replayed.
    public var since: String
    /// The first and last instants of the period.
    public var from, to: Date
    /// The current jurisdiction's revision.
    public var currentVersion: Int?
    /// Tickets replayed.
    public var replayed: Int
    /// Tickets with at least one routing field changed.
    public var changedTickets: Int
    /// Field changes, most tickets first.
    public var changes: [Change]
    /// Resolve-by moves (the contract's `deadlines`).
    public var deadlines: Deadlines
    /// Respond-by moves.
    public var respondDeadlines: Deadlines
    /// Overdue at resolve-by.
    public var overdue: Turns
    /// Escalated to the street or district.
    public var escalated: Turns
    /// Escalation levels reached, from -> to.
    public var levels: [Change]
    /// Rates with the deadlines as stored (equal to /v1/stats for the period) and as proposed.
    public var rates: [String: Rates]
    /// Households whose colour changes (codes only).
    public var households: [HouseholdChange]
    /// Grid workers whose load changes most (at most 20).
    public var workers: [WorkerLoad]
    /// Every grid of either map with its tickets.
    public var grids: [GridCount]
    /// Tickets whose stored routing the current rules do not reproduce, by reason.
    public var unexplained: [String: Tickets]
    /// What differs between the two jurisdictions' files.
    public var rules: WhatIfRulesDiff
    /// Seconds the replay took and tickets per second.
    public var seconds, ticketsPerSecond: Double
}
