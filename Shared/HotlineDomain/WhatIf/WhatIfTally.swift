import Foundation

/// The running sums of a what-if replay over some tickets. Tallies of separate batches merge,
/// so batches can be replayed on several threads and added up in any order.
public struct WhatIfTally: Sendable {
    /// A routing field that changed, from one value to another (`nil` is "none": unroutable).
    public struct ChangeKey: Hashable, Sendable {
        /// `grid`, `community`, `handler`, `department` or `urgency`.
        public var field: String
        /// The value under the current rules.
        public var from: String?
        /// The value under the proposed rules.
        public var to: String?
    }

    /// A count with the first ticket numbers behind it (the replay reads newest first).
    public struct Sample: Sendable {
        /// How many tickets.
        public var count = 0
        /// Up to the replay's sample limit of their numbers.
        public var tickets: [String] = []

        mutating func add(_ number: String, limit: Int) {
            self.count += 1
            if self.tickets.count < limit { self.tickets.append(number) }
        }

        mutating func merge(_ other: Sample, limit: Int) {
            self.count += other.count
            self.tickets.append(contentsOf: other.tickets.prefix(max(0, limit - self.tickets.count)))
        }
    }

    /// How one kind of deadline moved.
    public struct Shift: Sendable {
        /// Tickets whose deadline comes sooner, later, or at the same instant.
        public var earlier = 0, later = 0, unchanged = 0
        /// Tickets with a deadline under one set of rules only (unroutable under the other).
        public var unmatched = 0
        /// Sum, least and most of the moves in seconds (negative: earlier).
        public var sum = 0.0, least = 0.0, most = 0.0
        /// Tickets per band of the move (see ``WhatIfTally/bands``).
        public var bands = [Int](repeating: 0, count: WhatIfTally.bands.count + 1)
        /// The tickets whose deadline moved, with the first numbers.
        public var moved = Sample()

        mutating func add(from old: Date?, to new: Date?, number: String, limit: Int) {
            guard let old, let new else {
                if old != nil || new != nil { self.unmatched += 1 }
                return
            }
            let delta = new.timeIntervalSince(old)
            if abs(delta) < 1 {
                self.unchanged += 1
            } else {
                if delta < 0 { self.earlier += 1 } else { self.later += 1 }
                if self.moved.count == 0 { (self.least, self.most) = (delta, delta) }
                self.least = min(self.least, delta)
                self.most = max(self.most, delta)
                self.sum += delta
                self.moved.add(number, limit: limit)
            }
            self.bands[WhatIfTally.bands.firstIndex { delta < $0 } ?? WhatIfTally.bands.count] += 1
        }

        mutating func merge(_ other: Shift, limit: Int) {
            if other.moved.count > 0 {
                (self.least, self.most) = self.moved.count == 0
                    ? (other.least, other.most) : (min(self.least, other.least), max(self.most, other.most))
            }
            self.earlier += other.earlier
            self.later += other.later
            self.unchanged += other.unchanged
            self.unmatched += other.unmatched
            self.sum += other.sum
            for index in self.bands.indices { self.bands[index] += other.bands[index] }
            self.moved.merge(other.moved, limit: limit)
        }
    }

    /// The counters behind the three rates of /v1/stats under one set of deadlines.
    public struct Rates: Sendable {
        /// Assigned to a handler at least once; accepted or resolved by respond-by; resolved;
        /// resolved by resolve-by; rated; rated 1 or 2.
        public var dispatched = 0, respondedOnTime = 0, resolved = 0, resolvedOnTime = 0, rated = 0, satisfied = 0

        mutating func merge(_ other: Rates) {
            self.dispatched += other.dispatched
            self.respondedOnTime += other.respondedOnTime
            self.resolved += other.resolved
            self.resolvedOnTime += other.resolvedOnTime
            self.rated += other.rated
            self.satisfied += other.satisfied
        }
    }

    /// Upper bounds (seconds, exclusive) of the bands a deadline move is counted in; one more band
    /// holds everything above the last: < -3 d, < -1 d, < -1 h, < -1 s, < 1 s (unchanged), < 1 h,
    /// < 1 d, < 3 d, the rest.
    public static let bands: [Double] = [-259_200, -86_400, -3_600, -1, 1, 3_600, 86_400, 259_200]

    /// How many ticket numbers each list keeps.
    public let sampleLimit: Int
    /// Tickets replayed.
    public var replayed = 0
    /// Tickets with at least one routing field changed.
    public var changedTickets = 0
    /// Field changes, from -> to.
    public var changes: [ChangeKey: Sample] = [:]
    /// Resolve-by and respond-by moves.
    public var resolveBy = Shift(), respondBy = Shift()
    /// Tickets that would have been overdue (past resolve-by while open) and were not, and the reverse.
    public var becameOverdue = Sample(), noLongerOverdue = Sample()
    /// Tickets that would have been escalated (street or district) and were not, and the reverse.
    public var becameEscalated = Sample(), noLongerEscalated = Sample()
    /// Tickets whose escalation level under the proposed rules differs at all, by from -> to.
    public var levels: [ChangeKey: Int] = [:]
    /// The stats counters with the deadlines as stored and with the proposed ones.
    public var ratesStored = Rates(), ratesProposed = Rates()
    /// Tickets per grid under the current and the proposed rules.
    public var gridsBefore: [String: Int] = [:], gridsAfter: [String: Int] = [:]
    /// Tickets whose routing changes, by their grid under the current rules (else the proposed).
    public var gridsChanged: [String: Int] = [:]
    /// Community-handled tickets per grid (the grid worker's load), current and proposed.
    public var loadBefore: [String: Int] = [:], loadAfter: [String: Int] = [:]
    /// Tickets whose stored routing the current rules do not reproduce, by reason.
    public var unexplained: [String: Sample] = [:]

    /// An empty tally keeping `sampleLimit` ticket numbers per list.
    public init(sampleLimit: Int = 100) {
        self.sampleLimit = sampleLimit
    }

    /// Adds another tally's sums to this one.
    public mutating func merge(_ other: WhatIfTally) {
        let limit = self.sampleLimit
        self.replayed += other.replayed
        self.changedTickets += other.changedTickets
        for (key, sample) in other.changes { self.changes[key, default: Sample()].merge(sample, limit: limit) }
        self.resolveBy.merge(other.resolveBy, limit: limit)
        self.respondBy.merge(other.respondBy, limit: limit)
        self.becameOverdue.merge(other.becameOverdue, limit: limit)
        self.noLongerOverdue.merge(other.noLongerOverdue, limit: limit)
        self.becameEscalated.merge(other.becameEscalated, limit: limit)
        self.noLongerEscalated.merge(other.noLongerEscalated, limit: limit)
        for (key, count) in other.levels { self.levels[key, default: 0] += count }
        self.ratesStored.merge(other.ratesStored)
        self.ratesProposed.merge(other.ratesProposed)
        for (key, count) in other.gridsBefore { self.gridsBefore[key, default: 0] += count }
        for (key, count) in other.gridsAfter { self.gridsAfter[key, default: 0] += count }
        for (key, count) in other.gridsChanged { self.gridsChanged[key, default: 0] += count }
        for (key, count) in other.loadBefore { self.loadBefore[key, default: 0] += count }
        for (key, count) in other.loadAfter { self.loadAfter[key, default: 0] += count }
        for (key, sample) in other.unexplained { self.unexplained[key, default: Sample()].merge(sample, limit: limit) }
    }
}
