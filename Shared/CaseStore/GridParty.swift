import Foundation
import HotlineDomain

/// Who on the grid's side acts on tickets: the worker of some grids (handler `community`) and/or
/// the secretary of some communities (every grid's community tickets, plus the `secretary`,
/// the volunteers' service orders and "三重" ones). A key names one grid or one community; a phone may be named for several.
public struct GridParty: Sendable, Hashable {
    /// Grids whose worker this is.
    public var grids: [String]
    /// Communities whose secretary this is.
    public var communities: [String]
    /// The person's name, recorded in the history as `byName`.
    public var name: String?

    /// A party of `grids` and `communities`.
    public init(grids: [String] = [], communities: [String] = [], name: String? = nil) {
        self.grids = grids
        self.communities = communities
        self.name = name
    }

    /// The party a phone number is in the jurisdiction: the worker of every grid naming it,
    /// the secretary of every community naming it. Nil when it names no one.
    public init?(phone: String, in index: GridIndex) {
        var grids: [String] = []
        var communities: [String] = []
        var name: String?
        for grid in index.grids {
            if PhoneNumber.normalize(grid.worker.phone) == phone {
                grids.append(grid.code)
                name = name ?? grid.worker.name
            }
            if PhoneNumber.normalize(grid.secretary.phone) == phone, !communities.contains(grid.community.code) {
                communities.append(grid.community.code)
                name = name ?? grid.secretary.name
            }
        }
        guard !grids.isEmpty || !communities.isEmpty else { return nil }
        self.init(grids: grids, communities: communities, name: name)
    }

    /// The SQL condition on `tickets` of this party's tickets; `$first` and `$first+1` bind
    /// ``parameters``.
    func condition(_ first: Int) -> String {
        """
        ((grid = ANY($\(first)::text[]) AND handler = 'community')
            OR (community = ANY($\(first + 1)::text[]) AND (handler IN ('community', 'secretary', 'volunteer') OR major IS NOT NULL)))
        """
    }

    /// The bound values of ``condition(_:)``.
    var parameters: [[String]] { [self.grids, self.communities] }

    /// The code this party replies as on `ticket` (its grid for a worker's ticket, else the
    /// community), or nil when the ticket is not this party's.
    public func actor(on ticket: Ticket) -> String? {
        guard let routing = ticket.routing else { return nil }
        if let grid = routing.grid, self.grids.contains(grid), routing.handler == .community { return grid }
        if let community = routing.community, self.communities.contains(community),
            routing.handler == .community || routing.handler == .secretary || routing.handler == .volunteer || ticket.major != nil
        {
            return community
        }
        return nil
    }
}
