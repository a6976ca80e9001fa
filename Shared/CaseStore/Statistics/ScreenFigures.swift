import Foundation
import HotlineDomain

/// What the big screen draws besides the counters, as read from the tickets, the outbox, the
/// volunteers and the history's roots: counts, places and codes only, no free text.
public struct ScreenFigures: Sendable {
    /// Open and overdue tickets of one grid.
    public struct GridLoad: Codable, Sendable, Equatable {
        public var grid: String
        public var open: Int
        public var overdue: Int

        public init(grid: String, open: Int, overdue: Int) {
            (self.grid, self.open, self.overdue) = (grid, open, overdue)
        }
    }

    /// A 三重 ticket (`major`) or a cluster of one category in one grid (`cluster`).
    public struct Alert: Codable, Sendable, Equatable {
        public var kind: String
        public var grid: String
        public var ticketNumber: String?
        public var major: String?
        public var category: String?
        public var count: Int

        public init(kind: String, grid: String, ticketNumber: String? = nil, major: String? = nil, category: String? = nil, count: Int) {
            (self.kind, self.grid, self.ticketNumber, self.major, self.category, self.count) = (kind, grid, ticketNumber, major, category, count)
        }
    }

    /// A code with a count (and a name where the screen shows one).
    public struct Top: Codable, Sendable, Equatable {
        public var code: String
        public var name: String?
        public var count: Int

        public init(code: String, name: String? = nil, count: Int) {
            (self.code, self.name, self.count) = (code, name, count)
        }
    }

    /// The volunteers' figures of the day; names shown as the surname only (a wall display).
    public struct VolunteerBoard: Codable, Sendable, Equatable {
        public var ordersToday: Int
        public var takenWithinHour: Int
        public var rated: Int
        public var satisfied: Int
        public var satisfactionRate: Double?
        public var top: [Top]

        public init(ordersToday: Int = 0, takenWithinHour: Int = 0, rated: Int = 0, satisfied: Int = 0, top: [Top] = []) {
            (self.ordersToday, self.takenWithinHour, self.rated, self.satisfied, self.top) = (ordersToday, takenWithinHour, rated, satisfied, top)
            self.satisfactionRate = rated > 0 ? Double(satisfied) / Double(rated) : nil
        }
    }

    /// Open tickets per grid.
    public var grids: [GridLoad] = []
    /// The newest open 三重 tickets, then today's clusters.
    public var alerts: [Alert] = []
    /// The five categories and streets with most tickets today (codes, no names).
    public var topCategories: [Top] = []
    public var topStreets: [Top] = []
    /// Overdue tickets per level (`community`, `street`, `district`).
    public var overdueByLevel = ["community": 0, "street": 0, "district": 0]
    /// The newest ticket events of the history, newest first.
    public var latest: [EventEnvelope] = []
    /// The service menu today.
    public var volunteers = VolunteerBoard()
    /// The newest sealed daily root, or nil.
    public var historyRoot: SealedRoot?

    /// Nothing counted.
    public init() {}
}
