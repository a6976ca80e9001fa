import CaseStore
import Foundation

extension Principal {
    /// The grid party of a grid worker's or secretary's key, nil for other roles.
    var gridParty: GridParty? {
        switch self.role {
        case .grid: self.grid.map { GridParty(grids: [$0], name: self.name) }
        case .secretary: self.community.map { GridParty(communities: [$0], name: self.name) }
        default: nil
        }
    }

    /// Whether this key may read `ticket`: staff every one, a department those it is assigned
    /// to, a grid worker or secretary those of its grid or community (``GridParty``).
    func mayRead(_ ticket: Ticket) -> Bool {
        switch self.role {
        case .operator_, .admin: true
        case .department: ticket.routing?.departments.contains { $0.code == self.department } ?? false
        case .grid, .secretary: self.gridParty?.actor(on: ticket) != nil
        default: false
        }
    }
}
