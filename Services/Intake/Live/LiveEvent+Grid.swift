import CaseStore
import HotlineDomain

extension LiveEvent {
    /// Whether a grid worker's or secretary's key may see it: events of the tickets its party
    /// acts on (``GridParty``), judged by the ticket's routing after the event.
    func isVisible(to party: GridParty) -> Bool {
        if let grid = self.grid, party.grids.contains(grid), self.handler == "community" { return true }
        if let community = self.community, party.communities.contains(community),
            self.handler == "community" || self.handler == "secretary" || self.handler == "volunteer" || self.major != nil
        {
            return true
        }
        return false
    }
}
