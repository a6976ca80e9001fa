import Foundation
import HotlineDomain

/// What the big screen draws besides the counters, as read from the tickets, the outbox, the
/// volunteers and the history's roots: counts, places and codes only, no free text.
public struct ScreenFigures: Sendable {
    /// Open and overdue tickets of one grid.
    public struct GridLoad: Codable, Sendable, Equatable {
        /// The grid's code.
        public var grid: String
        /// Its tickets not yet closed.
        public var open: Int
        /// Of those, past a deadline.
        public var overdue: Int

        /// A grid's load.
        public init(grid: String, open: Int, overdue: Int) {
            (self.grid, self.open, self.overdue) = (grid, open, overdue)
        }
    }

    /// A 三重 ticket (`major`) or a cluster of one category in one grid (`cluster`).
    public struct Alert: Codable, Sendable, Equatable {
        /// `major` or `cluster`.
        public var kind: String
        /// The grid's code.
        public var grid: String
        /// The ticket's number (`major`).
        public var ticketNumber: String?
        /// The 三重 matter (`major`).
        public var major: String?
        /// The cluster's category (`cluster`).
        public var category: String?
        /// Tickets in the cluster (1 for a `major`).
        public var count: Int

        /// An alert.
        public init(kind: String, grid: String, ticketNumber: String? = nil, major: String? = nil, category: String? = nil, count: Int) {
            (self.kind, self.grid, self.ticketNumber, self.major, self.category, self.count) = (kind, grid, ticketNumber, major, category, count)
        }
    }

    /// A code with a count (and a name where the screen shows one).
    public struct Top: Codable, Sendable, Equatable {
        /// The code.
        public var code: String
        /// Its name, where the screen shows one.
        public var name: String?
        /// Its tickets today (a volunteer's points on the board).
        public var count: Int

        /// A code's count.
        public init(code: String, name: String? = nil, count: Int) {
            (self.code, self.name, self.count) = (code, name, count)
        }
    }

    /// The volunteers' figures of the day; names shown as the surname only (a wall display).
    public struct VolunteerBoard: Codable, Sendable, Equatable {
        /// Service orders taken today.
        public var ordersToday: Int
        /// Of those, taken by a volunteer within the hour.
        public var takenWithinHour: Int
        /// Orders rated.
        public var rated: Int
        /// Rated satisfied.
        public var satisfied: Int
        /// `satisfied / rated`, nil when nothing is rated.
        public var satisfactionRate: Double?
        /// The five volunteers with most points (the surname and 志愿者).
        public var top: [Top]

        /// The board; the rate is computed.
        public init(ordersToday: Int = 0, takenWithinHour: Int = 0, rated: Int = 0, satisfied: Int = 0, top: [Top] = []) {
            (self.ordersToday, self.takenWithinHour, self.rated, self.satisfied, self.top) = (ordersToday, takenWithinHour, rated, satisfied, top)
            self.satisfactionRate = rated > 0 ? Double(satisfied) / Double(rated) : nil
        }
    }

    /// Open tickets per grid.
    public var grids: [GridLoad] = []
    /// The newest open 三重 tickets, then today's clusters.
    public var alerts: [Alert] = []
    /// The five categories with most tickets today (codes, no names).
    public var topCategories: [Top] = []
    /// The five streets with most tickets today (codes).
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
