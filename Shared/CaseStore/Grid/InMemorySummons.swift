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
        var unique: [String] = []
        for code in codes where !unique.contains(code) { unique.append(code) }
        guard !unique.isEmpty else { throw CaseError.invalid(field: "departments", message: "name at least one department code") }
        for code in unique {
            guard let department = snapshot.department(code) else {
                throw CaseError.invalid(field: "departments", message: "unknown department '\(code)'")
            }
            guard !routing.departments.contains(where: { $0.code == code }) else {
                throw CaseError.invalid(field: "departments", message: "\(code) is already on this ticket")
            }
            routing.departments.append(DepartmentAssignment(code: department.code, name: department.name, role: .assist))
        }
        ticket.routing = routing
        self.cases.put(ticket)
        return ticket
    }
}
