import CaseStore
import Foundation
import HotlineDomain

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

extension Principal {
    /// Staff keys keep a photo's EXIF (its GPS position); an Open311 client's (a resident's
    /// app) lose it.
    var isStaff: Bool {
        switch self.role {
        case .operator_, .admin, .department, .grid, .secretary: true
        default: false
        }
    }

    /// Which tickets this key may attach photos to and read the photos of: those it may read,
    /// and for an Open311 client the tickets submitted through Open311.
    var attachmentAccess: AttachmentAccess {
        AttachmentAccess(open311Only: self.role == .open311, mayRead: { self.mayRead($0) }, party: { self.party(on: $0) })
    }

    /// The department, grid or community code this key acts as on `ticket` (the party a
    /// required resolve photo is looked up by), nil for operators and Open311.
    func party(on ticket: Ticket) -> String? {
        switch self.role {
        case .department: self.department
        case .grid, .secretary: self.gridParty?.actor(on: ticket)
        default: nil
        }
    }
}
