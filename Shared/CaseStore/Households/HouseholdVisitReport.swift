import Foundation
import HotlineDomain

/// A visit (走访) to record, and the ticket its finding opens, if any.
public struct HouseholdVisitReport: Sendable {
    /// A ticket opened from the visit (channel `grid_patrol`, at the household).
    public struct TicketRequest: Sendable {
        /// What is to be done.
        public var description: String
        /// Its catalog category, if the visitor chose one.
        public var category: String?
        /// Its urgency, if given.
        public var urgency: Urgency?
        /// The 三重 matter it is, if any.
        public var major: MajorMatter?

        /// A ticket to open.
        public init(description: String, category: String?, urgency: Urgency?, major: MajorMatter?) {
            (self.description, self.category, self.urgency, self.major) = (description, category, urgency, major)
        }
    }

    /// Who visited.
    public var visitor: String
    /// When.
    public var visitedAt: Date
    /// What the visitor found.
    public var findings: String
    /// The ticket to open, if any.
    public var ticket: TicketRequest?

    /// A visit to record.
    public init(visitor: String, visitedAt: Date, findings: String, ticket: TicketRequest?) {
        (self.visitor, self.visitedAt, self.findings, self.ticket) = (visitor, visitedAt, findings, ticket)
    }

    /// The ticket the visit opens at `household`, if it asks for one.
    func newTicket(at household: Household) -> NewTicket? {
        self.ticket.map { t in
            NewTicket(
                channel: .gridPatrol, callerName: self.visitor, callerPhone: nil, description: t.description,
                requestedCategory: t.category, category: t.category, address: household.address, coordinate: household.coordinate,
                grid: household.grid, urgency: t.urgency, major: t.major, externalId: nil
            )
        }
    }
}
