import CaseStore
import Foundation
import HotlineDomain

extension TicketsController {
    /// A grid worker's or secretary's own report of a problem seen on patrol (巡查上报): only
    /// with channel `grid_patrol`; without a place of its own it is in the worker's grid, and
    /// the reporter is named as the caller when the form names none.
    static func patrolReport(_ ticket: inout NewTicket, by principal: Principal) throws {
        guard ticket.channel == .gridPatrol else {
            throw APIError.badRequest(field: "channel", "a grid or secretary key reports with channel grid_patrol")
        }
        if ticket.grid == nil, ticket.coordinate == nil, let grid = principal.grid { ticket.grid = grid }
        if ticket.callerName == nil { ticket.callerName = principal.name }
    }
}
