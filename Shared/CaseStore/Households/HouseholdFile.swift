import Foundation

/// A household's page: its record with its recent visits, check-ins, tickets and history.
public struct HouseholdFile: Sendable {
    /// A ticket about the household.
    public struct TicketLine: Codable, Sendable, Equatable {
        /// The ticket's id.
        public var id: String
        /// Its number.
        public var number: String
        /// Its status.
        public var status: String
        /// Its category, once routed.
        public var category: String?
        /// When it was taken.
        public var createdAt: Date

        /// A line.
        public init(id: String, number: String, status: String, category: String?, createdAt: Date) {
            (self.id, self.number, self.status, self.category, self.createdAt) = (id, number, status, category, createdAt)
        }
    }

    /// The household and its colour.
    public var record: HouseholdRecord
    /// Newest first.
    public var visits: [HouseholdVisits.Visit]
    /// Newest first.
    public var checkins: [HouseholdCheckins.Checkin]
    /// The 20 newest.
    public var tickets: [TicketLine]
    /// Oldest first.
    public var history: [HouseholdStore.HistoryEntry]

    /// A page.
    public init(
        record: HouseholdRecord, visits: [HouseholdVisits.Visit] = [], checkins: [HouseholdCheckins.Checkin] = [], tickets: [TicketLine] = [],
        history: [HouseholdStore.HistoryEntry] = []
    ) {
        (self.record, self.visits, self.checkins, self.tickets, self.history) = (record, visits, checkins, tickets, history)
    }
}
