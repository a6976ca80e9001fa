import Foundation
import HotlineDomain
import Postgres

extension NewTicket {
    /// The routing request the dispatcher will build from this ticket once stored.
    func routingRequest(household: HouseholdTag?) -> RoutingRequest {
        RoutingRequest(
            category: self.requestedCategory, description: self.description, address: self.address,
            coordinate: self.coordinate, gridCode: self.grid, urgency: self.urgency, major: self.major, household: household
        )
    }

    /// The resolve-by a receipt promises: the deadline routing will give the ticket, decided now
    /// with the same router, household and start (`createdAt`) the dispatcher uses, so a red
    /// household's or a 三重 caller's receipt names the urgent deadline. `nil` when routing would
    /// not place the ticket (the receipt then promises no time).
    ///
    /// The household is looked up only when the catalog has household rules: without them no
    /// household can raise the urgency.
    public func promisedResolveBy(using snapshot: JurisdictionSnapshot, timeZone: TimeZone, on connection: PostgresConnection) throws -> Date? {
        var household: HouseholdTag?
        if self.mayComeFromHousehold(in: snapshot) {
            household = try HouseholdStore(timeZone: timeZone).match(phone: self.callerPhone, address: self.address, on: connection)
        }
        return self.promisedResolveBy(using: snapshot, household: household)
    }

    /// Whether a household could change this ticket's routing: the catalog has household rules
    /// and the ticket a phone or an address to match. When not, the promise needs no database.
    public func mayComeFromHousehold(in snapshot: JurisdictionSnapshot) -> Bool {
        snapshot.jurisdiction.catalog.households != nil && (self.callerPhone != nil || self.address != nil)
    }

    /// The promise for a known household (or none), without the database.
    public func promisedResolveBy(using snapshot: JurisdictionSnapshot, household: HouseholdTag?) -> Date? {
        let decision = snapshot.router.route(self.routingRequest(household: household), at: self.createdAt)
        return decision.outcome == .routed ? decision.resolveBy : nil
    }
}
