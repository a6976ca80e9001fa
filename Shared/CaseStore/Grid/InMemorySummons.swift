import Foundation
import HotlineDomain

/// ``SummonRepository`` on ``InMemoryCases``, for router tests: the same refusals as the case
/// store's summon (another community's ticket, a closed one, unknown or repeated departments);
/// the departments join the ticket as assisting ones. No task or event is sent.
public struct InMemorySummons: SummonRepository {
    let cases: InMemoryCases

    /// Summons on the tickets of `cases`.
    public init(cases: InMemoryCases) {
        self.cases = cases
    }

    public func summon(
        _ id: String, departments codes: [String], by name: String, community: String?, note: String?, using snapshot: JurisdictionSnapshot
    ) async throws -> Ticket {
        guard var ticket = try await self.cases.find(id)?.ticket else { throw CaseError.notFound(id) }
        if let community, ticket.routing?.community != community { throw CaseError.notFound(id) }
        guard ticket.status == .assigned || ticket.status == .accepted, var routing = ticket.routing else {
            throw CaseError.illegal(action: "summon departments to", status: ticket.status)
        }
        let departments = try CaseStore.summoned(codes, besides: routing.departments.map(\.code), using: snapshot)
        routing.departments += departments.map { DepartmentAssignment(code: $0.code, name: $0.name, role: .assist) }
        ticket.routing = routing
        self.cases.put(ticket)
        return ticket
    }
}
