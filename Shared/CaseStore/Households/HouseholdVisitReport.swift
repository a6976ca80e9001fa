import Foundation
import HotlineDomain

/// A visit (走访) to record, and the ticket its finding opens, if any.
public struct HouseholdVisitReport: Sendable {
    /// A ticket opened from the visit (channel `grid_patrol`, at the household).
    public struct TicketRequest: Sendable {
        public var description: String
        public var category: String?
        public var urgency: Urgency?
        public var major: MajorMatter?

        public init(description: String, category: String?, urgency: Urgency?, major: MajorMatter?) {
            (self.description, self.category, self.urgency, self.major) = (description, category, urgency, major)
        }
    }

    public var visitor: String
    public var visitedAt: Date
    public var findings: String
    public var ticket: TicketRequest?

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
